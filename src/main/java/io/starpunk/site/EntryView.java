package io.starpunk.site;

import java.util.List;

import io.starpunk.notes.NoteProperties;

/**
 * A note as an h-entry.
 *
 * @param url the permalink, also its u-uid
 * @param name an explicit title (p-name), or {@code null}
 * @param headline the first line of the text, plain, for the document title
 * @param published when it was published, ISO 8601
 * @param publishedText the same, for people
 * @param updated when it was last edited, ISO 8601, or {@code null} if never
 * @param updatedText the same, for people, or {@code null}
 * @param content the rendered, sanitised text
 * @param intact whether the note's file matched its content hash
 * @param categories its categories (p-category), tags linking to their pages
 * @param photos its photos (u-photo)
 * @param checkin where it was written (a checkin h-card), or {@code null}
 */
record EntryView(String url, String name, String headline, String published, String publishedText, String updated,
		String updatedText, RenderedHtml content, boolean intact, List<CategoryView> categories,
		List<NoteProperties.Photo> photos, NoteProperties.Place checkin) {

	/**
	 * One category of the entry.
	 *
	 * @param text the tag's display spelling, or the category as given
	 * @param href the tag's page, or {@code null} for a category that is not a tag
	 */
	record CategoryView(String text, String href) {
	}

}
