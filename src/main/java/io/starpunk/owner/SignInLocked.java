package io.starpunk.owner;

import java.time.Duration;

import org.springframework.security.core.AuthenticationException;

/**
 * A sign-in refused unchecked (429 with {@code Retry-After}): the client's address or the
 * account failed too often, or too many passwords are being checked right now.
 */
class SignInLocked extends AuthenticationException {

	private final Duration wait;

	private final String explanation;

	private SignInLocked(Duration wait, String explanation) {
		super(explanation);
		this.wait = wait;
		this.explanation = explanation;
	}

	static SignInLocked address(Duration wait) {
		return new SignInLocked(wait,
				"Too many failed sign-ins from your address. Try again in " + minutes(wait) + ".");
	}

	static SignInLocked account(Duration wait) {
		return new SignInLocked(wait,
				"Too many failed sign-ins to this site from many places. Sign in from a browser you have signed in "
						+ "with before, or try again in " + minutes(wait) + ".");
	}

	static SignInLocked busy(Duration wait) {
		return new SignInLocked(wait, "Too many sign-ins are being checked right now. Try again in a moment.");
	}

	static SignInLocked indieauth(Duration wait) {
		return new SignInLocked(wait, "Too many IndieAuth sign-ins were started. Try again in " + seconds(wait) + ".");
	}

	Duration waitFor() {
		return this.wait;
	}

	/** What the sign-in page says. */
	String explanation() {
		return this.explanation;
	}

	/** The wait in whole seconds, at least one, for {@code Retry-After}. */
	long retryAfterSeconds() {
		return Math.max(1, (this.wait.toNanos() + 999_999_999L) / 1_000_000_000L);
	}

	private static String seconds(Duration wait) {
		long seconds = Math.max(1, (wait.toNanos() + 999_999_999L) / 1_000_000_000L);
		return seconds + ((seconds == 1) ? " second" : " seconds");
	}

	private static String minutes(Duration wait) {
		long minutes = Math.max(1, (wait.toSeconds() + 59) / 60);
		return minutes + ((minutes == 1) ? " minute" : " minutes");
	}

}
