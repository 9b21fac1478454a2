package io.starpunk.syndication;

/**
 * A target could not take a post now (no answer, a 5xx, too many requests): the job is
 * tried again. The message is the target's own, without the token.
 */
final class TargetUnavailable extends Exception {

	TargetUnavailable(String message) {
		super(message, null, false, false);
	}

}
