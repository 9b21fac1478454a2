package io.starpunk.replycontext;

import java.time.Instant;

/**
 * What a page a note responds to says about itself, as fetched.
 *
 * @param url the page
 * @param title its title, or {@code null}
 * @param authorName its author's name, or {@code null}
 * @param authorUrl its author's page (http or https), or {@code null}
 * @param authorPhoto its author's photo (http or https), or {@code null}
 * @param excerpt a short plain excerpt of its text (at most {@value #MAX_EXCERPT}
 * characters), or {@code null}
 * @param fetchedAt when it was fetched
 */
public record ReplyContext(String url, String title, String authorName, String authorUrl, String authorPhoto,
		String excerpt, Instant fetchedAt) {

	/** The longest excerpt kept, in characters. */
	public static final int MAX_EXCERPT = 280;

	/** Whether the page said anything worth showing. */
	public boolean hasAnything() {
		return this.title != null || this.authorName != null || this.excerpt != null;
	}

}
