package io.starpunk.site;

import java.util.List;

/**
 * A note's approved webmentions, as its page marks them up: replies and mentions with
 * their content, likes, reposts and bookmarks as a row of faces, each an {@code h-cite}
 * in the property its kind names ({@code u-comment}, {@code u-like}, {@code u-repost},
 * {@code u-bookmark}, {@code u-mention}).
 *
 * @param responses the replies, RSVPs and mentions, oldest first
 * @param reactions the likes, reposts and bookmarks, oldest first
 */
record MentionView(List<Response> responses, List<Response> reactions) {

	static final MentionView NONE = new MentionView(List.of(), List.of());

	boolean isEmpty() {
		return this.responses.isEmpty() && this.reactions.isEmpty();
	}

	int total() {
		return this.responses.size() + this.reactions.size();
	}

	/**
	 * One mention.
	 *
	 * @param property the h-entry property it is: {@code u-comment}, {@code u-like} ...
	 * @param kind {@code reply}, {@code like}, ...
	 * @param verb what the author did, for people ("liked this")
	 * @param url its URL
	 * @param authorName its author's name (never empty: the host when unknown)
	 * @param authorUrl its author's URL, or {@code null}
	 * @param authorPhoto its author's photo URL, or {@code null}
	 * @param content its sanitised content, or {@code null}
	 * @param text its text when it has no HTML content, or {@code null}
	 * @param published when it says it was published, or {@code null}
	 */
	record Response(String property, String kind, String verb, String url, String authorName, String authorUrl,
			String authorPhoto, RenderedHtml content, String text, String published) {
	}

}
