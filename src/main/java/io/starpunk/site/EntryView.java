package io.starpunk.site;

import java.util.List;

import io.starpunk.notes.NoteProperties;
import io.starpunk.replycontext.ReplyContext;

/**
 * A note as an h-entry.
 *
 * @param url the permalink, also its u-uid
 * @param name an explicit title (p-name), or {@code null}
 * @param headline the name, or else the first line of the text, plain: the document title
 * and the heading of an entry without a name
 * @param published when it was published, ISO 8601
 * @param publishedText the same, for people
 * @param updated when it was last edited, ISO 8601, or {@code null} if never
 * @param updatedText the same, for people, or {@code null}
 * @param content the rendered, sanitised text
 * @param intact whether the note's file matched its content hash
 * @param categories its categories (p-category), tags linking to their pages
 * @param photos its photos (u-photo), with their sizes where this site stored them
 * @param checkin where it was written (a checkin h-card), or {@code null}
 * @param responses the pages it replies to, likes, reposts or bookmarks, with what they
 * say about themselves when that was fetched
 * @param rsvp its RSVP ({@code yes}, {@code no}, {@code maybe}, {@code interested}), or
 * {@code null}
 * @param syndication where copies of it live on other sites (u-syndication), http(s) URLs
 * only
 */
record EntryView(String url, String name, String headline, String published, String publishedText, String updated,
		String updatedText, RenderedHtml content, boolean intact, List<CategoryView> categories, List<PhotoView> photos,
		NoteProperties.Place checkin, List<ResponseView> responses, String rsvp, List<String> syndication) {

	/**
	 * A page the entry responds to.
	 *
	 * @param verb what the entry does to it, for people ("In reply to", "Liked", ...)
	 * @param mf2Class the class of its link ({@code u-in-reply-to}, ...)
	 * @param url the page
	 * @param context what the page says about itself, or {@code null} when not fetched
	 */
	record ResponseView(String verb, String mf2Class, String url, ReplyContext context) {

		/** The RSVP's words for people. */
		static String rsvpText(String rsvp) {
			return switch (rsvp) {
				case "yes" -> "Going";
				case "no" -> "Not going";
				case "maybe" -> "Maybe going";
				default -> "Interested";
			};
		}

	}

	/** The RSVP for people: "Going", "Not going", ... */
	String rsvpText() {
		return (this.rsvp != null) ? ResponseView.rsvpText(this.rsvp) : null;
	}

	/**
	 * One category of the entry.
	 *
	 * @param text the tag's display spelling, or the category as given
	 * @param href the tag's page, or {@code null} for a category that is not a tag
	 */
	record CategoryView(String text, String href) {
	}

	/**
	 * One photo of the entry.
	 *
	 * @param url its URL (the u-photo)
	 * @param alt its alt text, or {@code null}
	 * @param srcset the widths a browser may choose from, or {@code null}
	 * @param width its width in pixels, or {@code null} when unknown
	 * @param height its height in pixels, or {@code null} when unknown
	 */
	record PhotoView(String url, String alt, String srcset, Integer width, Integer height) {

		/** What the {@code sizes} attribute says: the width of the page's column. */
		static final String SIZES = "(min-width: 42rem) 40rem, 100vw";

		/**
		 * @return {@link #SIZES} when there is a srcset, else {@code null}
		 */
		String sizes() {
			return (this.srcset != null) ? SIZES : null;
		}

	}

}
