package io.starpunk.syndication;

/**
 * A target refused a post in a way that trying again cannot change (a 4xx answer: a bad
 * token, a post it does not accept). The message is the target's own, without the token.
 */
final class TargetRefused extends Exception {

	TargetRefused(String message) {
		super(message, null, false, false);
	}

}
