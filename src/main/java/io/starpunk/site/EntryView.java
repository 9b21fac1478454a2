package io.starpunk.site;

import java.util.List;

import io.starpunk.notes.NoteProperties;

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
 * @param syndication where copies of it live on other sites (u-syndication), http(s) URLs
 * only
 */
record EntryView(String url, String name, String headline, String published, String publishedText, String updated,
		String updatedText, RenderedHtml content, boolean intact, List<CategoryView> categories, List<PhotoView> photos,
		NoteProperties.Place checkin, List<String> syndication) {

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
