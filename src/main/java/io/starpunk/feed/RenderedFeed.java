package io.starpunk.feed;

import java.time.Instant;

import io.starpunk.config.Sha256;

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
		return new RenderedFeed(format, body, "\"" + Sha256.hex(body) + "\"", lastModified);
	}

}
