package io.starpunk.rendered;

import java.util.List;

/**
 * One public page or feed as it is served.
 *
 * @param generation the change of the notes it was rendered at
 * @param body the bytes, as rendered
 * @param gzipped the same bytes gzip-compressed, or {@code null} when that is not smaller
 * @param etag the strong ETag of {@code body}, quoted
 * @param gzipEtag the strong ETag of {@code gzipped}, quoted
 * @param lastModified when its bytes last changed, as an HTTP date
 * @param lastModifiedSeconds the same, in seconds since the epoch
 * @param headers every other header the page is answered with (content type, cache
 * control, discovery links, security headers), in order
 * @param pattern the path pattern of the controller that rendered it
 * ({@code /notes/{slug}}), for the request metrics, or {@code null}
 */
record RenderedPage(long generation, byte[] body, byte[] gzipped, String etag, String gzipEtag, String lastModified,
		long lastModifiedSeconds, List<Header> headers, String pattern) {

	/** What the page weighs in memory, for the store's bound. */
	int weight() {
		return 512 + this.body.length + ((this.gzipped != null) ? this.gzipped.length : 0);
	}

	/** The same bytes, known to be current at a later change. */
	RenderedPage at(long later) {
		return new RenderedPage(later, this.body, this.gzipped, this.etag, this.gzipEtag, this.lastModified,
				this.lastModifiedSeconds, this.headers, this.pattern);
	}

	/**
	 * A response header.
	 *
	 * @param name its name
	 * @param value its value
	 */
	record Header(String name, String value) {
	}

}
