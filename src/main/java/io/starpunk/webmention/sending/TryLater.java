package io.starpunk.webmention.sending;

/**
 * A webmention that could not be sent now but may be later: the target or its endpoint
 * answered 5xx or 429, or could not be reached. The job is tried again with the queue's
 * backoff; the message, shown to the owner, says what happened.
 */
class TryLater extends Exception {

	TryLater(String message) {
		super(message, null, false, false);
	}

}
