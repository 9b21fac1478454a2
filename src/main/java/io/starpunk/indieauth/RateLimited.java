package io.starpunk.indieauth;

import java.time.Duration;

/**
 * Too many requests from one address: answered 429 with {@code Retry-After}.
 */
class RateLimited extends RuntimeException {

	private final Duration retryAfter;

	RateLimited(Duration retryAfter) {
		super("Too many requests; try again in " + retryAfter.toSeconds() + " seconds", null, false, false);
		this.retryAfter = retryAfter;
	}

	Duration retryAfter() {
		return this.retryAfter;
	}

}
