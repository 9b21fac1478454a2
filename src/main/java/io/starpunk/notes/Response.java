package io.starpunk.notes;

import java.util.List;

/**
 * What a note responds to: the page it replies to, likes, reposts or bookmarks, from its
 * {@code in-reply-to}, {@code like-of}, {@code repost-of} or {@code bookmark-of} property
 * (a URL, or an h-cite with a {@code url}).
 *
 * @param property the property, one of {@link #PROPERTIES}
 * @param url the page, on http or https
 */
public record Response(String property, String url) {

	/**
	 * The properties that name a page a note responds to, in the order they are shown.
	 */
	public static final List<String> PROPERTIES = List.of("in-reply-to", "like-of", "repost-of", "bookmark-of");

	/** The answers an RSVP may give. */
	public static final List<String> RSVP_VALUES = List.of("yes", "no", "maybe", "interested");

	/**
	 * What the note does to the page, for people: "In reply to", "Liked", "Reposted",
	 * "Bookmarked".
	 * @return the words
	 */
	public String verb() {
		return switch (this.property) {
			case "like-of" -> "Liked";
			case "repost-of" -> "Reposted";
			case "bookmark-of" -> "Bookmarked";
			default -> "In reply to";
		};
	}

	/**
	 * The microformats2 class of the link: {@code u-in-reply-to}, {@code u-like-of}, ...
	 * @return the class
	 */
	public String mf2Class() {
		return "u-" + this.property;
	}

}
