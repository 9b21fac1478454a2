package io.starpunk.http;

import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The errors of addresses that are not {@link ClientEndpoints} but are read by programs
 * too (the feeds, read by feed readers), when their package would rather answer some
 * error in its own form than with the site's HTML page. The site's error page asks each
 * bean of this type first.
 */
public interface PathErrors {

	/**
	 * This package's answer to an error at a path.
	 * @param path the path of the request that failed, without the context path
	 * @param status the status of the failure, an error
	 * @return the response, or empty to leave it to the site's error page
	 */
	Optional<ResponseEntity<?>> answer(String path, HttpStatus status);

}
