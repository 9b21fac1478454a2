package io.starpunk.webmention;

import java.time.Instant;

/**
 * A verified webmention of a note, as the owner moderates it and the note's page shows
 * it.
 *
 * @param id its row
 * @param noteId the note it mentions
 * @param source the page that mentions it
 * @param sourceHost that page's host
 * @param status {@code pending}, {@code approved} or {@code rejected}
 * @param kind {@code reply}, {@code like}, {@code repost}, {@code bookmark}, {@code rsvp}
 * or {@code mention}
 * @param url the mention's own URL (the source's h-entry url, or the source)
 * @param authorName its author's name, or {@code null}
 * @param authorUrl its author's URL, or {@code null}
 * @param authorPhoto its author's photo URL, or {@code null}
 * @param contentHtml its content, sanitised, or {@code null}
 * @param contentText its content's text, or {@code null}
 * @param rsvp the RSVP value, or {@code null}
 * @param published when the source says it was published, as written, or {@code null}
 * @param receivedAt when it was first received
 */
public record Mention(long id, long noteId, String source, String sourceHost, String status, String kind, String url,
		String authorName, String authorUrl, String authorPhoto, String contentHtml, String contentText, String rsvp,
		String published, Instant receivedAt) {

	/** Awaiting the owner. */
	public static final String PENDING = "pending";

	/** Shown under the note. */
	public static final String APPROVED = "approved";

	/** Kept hidden, so that the same source sent again stays hidden. */
	public static final String REJECTED = "rejected";

	/**
	 * A line of its text for the owner's list, at most {@code max} characters.
	 * @param max the most characters
	 * @return the excerpt, empty when it has no text
	 */
	public String excerpt(int max) {
		if (this.contentText == null) {
			return "";
		}
		String text = this.contentText.replaceAll("\\s+", " ").strip();
		return (text.length() <= max) ? text : text.substring(0, max - 1) + "…";
	}

	/**
	 * Its author's name, or failing that their URL, or the source's host.
	 * @return a name to show
	 */
	public String authorLabel() {
		if (this.authorName != null && !this.authorName.isBlank()) {
			return this.authorName;
		}
		return (this.authorUrl != null) ? this.authorUrl : this.sourceHost;
	}

}
