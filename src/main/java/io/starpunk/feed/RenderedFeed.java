package io.starpunk.feed;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * One feed document as it is served: its bytes, a strong ETag and the time it last
 * changed.
 *
 * @param format the format
 * @param body the document
 * @param etag a quoted SHA-256 of the body
 * @param lastModified when its content last changed
 */
record RenderedFeed(FeedFormat format, byte[] body, String etag, Instant lastModified) {

	static RenderedFeed of(FeedFormat format, byte[] body, Instant lastModified) {
		return new RenderedFeed(format, body, "\"" + sha256(body) + "\"", lastModified);
	}

	private static String sha256(byte[] body) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java runtime has SHA-256", ex);
		}
	}

}
