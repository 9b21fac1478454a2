package io.starpunk.notes;

/**
 * A search that cannot be run: empty, too long, or without a word in it. Its message is
 * written for the person who typed it.
 */
public class InvalidSearchException extends RuntimeException {

	public InvalidSearchException(String message) {
		super(message);
	}

}
