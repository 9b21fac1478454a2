package io.starpunk.http;

import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The errors of endpoints that apps call, not people, when no controller of theirs
 * answered (a wrong method, a body Spring cannot read, no such endpoint): the servlet
 * container sends these to the site's error page, which finds the endpoint's protocol in
 * {@link ClientEndpoints} and asks each bean of this type for that protocol's answer.
 * Each protocol package writes its own errors ({@code micropub} Micropub's,
 * {@code indieauth} OAuth's), so the site knows no protocol.
 */
public interface ProtocolErrors {

	/**
	 * This protocol's answer to an error of one of its endpoints.
	 * @param protocol the protocol of the endpoint whose request failed
	 * @param status the status of the failure, an error
	 * @return the response, or empty when the protocol is not this one
	 */
	Optional<ResponseEntity<?>> answer(ClientEndpoints.Protocol protocol, HttpStatus status);

	/**
	 * The error code for a failure of HTTP itself, in the vocabulary OAuth 2.0 and
	 * Micropub share.
	 * @param status the status
	 * @return {@code server_error} for a 5xx, {@code invalid_request} otherwise
	 */
	static String code(HttpStatus status) {
		return status.is5xxServerError() ? "server_error" : "invalid_request";
	}

	/**
	 * What went wrong, for a failure of HTTP itself, in words a client's developer reads.
	 * @param status the status
	 * @return the description
	 */
	static String describe(HttpStatus status) {
		return switch (status) {
			case METHOD_NOT_ALLOWED -> "This endpoint does not take that HTTP method";
			case NOT_FOUND -> "There is no such endpoint";
			case UNSUPPORTED_MEDIA_TYPE -> "This endpoint does not take that Content-Type";
			default -> status.is5xxServerError() ? "The server could not answer this time" : status.getReasonPhrase();
		};
	}

}
