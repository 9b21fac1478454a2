package io.starpunk.feed;

import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * One public note as every feed format shows it.
 *
 * @param title the note's name, or {@code null} for a note without one
 * @param permalink the note's absolute URL, also its id
 * @param published when it was created
 * @param updated when it was last changed
 * @param html its rendered, sanitised HTML, its photos included
 * @param categories its categories (tags)
 * @param enclosures its stored photos as files, in order (the size a feed carries)
 * @param externalUrl the page it replies to, likes, reposts or bookmarks (JSON Feed's
 * {@code external_url}), or {@code null}
 */
record FeedItem(String title, URI permalink, Instant published, Instant updated, String html, List<String> categories,
		List<Enclosure> enclosures, String externalUrl) {

	/**
	 * A file of the item.
	 *
	 * @param url its absolute URL
	 * @param type its exact content type
	 * @param length its length in bytes
	 */
	record Enclosure(String url, String type, long length) {
	}

}
