package io.starpunk.indieauth;

import org.springframework.http.HttpStatus;

/**
 * An OAuth 2.0 error (RFC 6749 section 5.2), answered as
 * {@code {"error","error_description"}} with its status.
 */
class OAuthException extends RuntimeException {

	private final String error;

	private final HttpStatus status;

	OAuthException(HttpStatus status, String error, String description) {
		super(description);
		this.status = status;
		this.error = error;
	}

	static OAuthException invalidRequest(String description) {
		return new OAuthException(HttpStatus.BAD_REQUEST, "invalid_request", description);
	}

	static OAuthException invalidGrant(String description) {
		return new OAuthException(HttpStatus.BAD_REQUEST, "invalid_grant", description);
	}

	String error() {
		return this.error;
	}

	HttpStatus status() {
		return this.status;
	}

}
