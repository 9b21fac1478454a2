package io.starpunk.micropub;

import org.springframework.http.HttpStatus;

/**
 * A Micropub error, answered as {@code {"error","error_description"}} (and the needed
 * {@code scope} for {@code insufficient_scope}).
 */
class MicropubException extends RuntimeException {

	private final HttpStatus status;

	private final String error;

	private final String scope;

	MicropubException(HttpStatus status, String error, String description, String scope) {
		super(description);
		this.status = status;
		this.error = error;
		this.scope = scope;
	}

	static MicropubException invalidRequest(String description) {
		return new MicropubException(HttpStatus.BAD_REQUEST, "invalid_request", description, null);
	}

	static MicropubException unauthorized(String description) {
		return new MicropubException(HttpStatus.UNAUTHORIZED, "unauthorized", description, null);
	}

	static MicropubException insufficientScope(String scope) {
		return new MicropubException(HttpStatus.FORBIDDEN, "insufficient_scope",
				"This needs a token with the '" + scope + "' scope", scope);
	}

	HttpStatus status() {
		return this.status;
	}

	String error() {
		return this.error;
	}

	String scope() {
		return this.scope;
	}

}
