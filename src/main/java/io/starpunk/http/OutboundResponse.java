package io.starpunk.http;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;

/**
 * What came back from an {@link OutboundFetch}.
 *
 * @param url where it came from, after any redirects
 * @param status the HTTP status
 * @param headers its headers (names are matched without regard to case)
 * @param body its body, at most the request's cap
 */
public record OutboundResponse(URI url, int status, HttpHeaders headers, byte[] body) {

	/**
	 * The body as UTF-8 text.
	 * @return the text
	 */
	public String text() {
		return new String(this.body, StandardCharsets.UTF_8);
	}

}
