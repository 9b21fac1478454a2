package io.starpunk.media;

/**
 * An image whose container cannot be walked to the end: truncated, with a block or chunk
 * that claims more bytes than the file has, or with bytes where a block must start. The
 * message says what was wrong and where, fit for a log line; the file is not one to keep.
 */
final class MalformedImageException extends IllegalArgumentException {

	MalformedImageException(String message) {
		super(message);
	}

}
