package io.starpunk.site;

import java.util.List;

/**
 * One page of a tag's h-feed.
 *
 * @param feedName the feed's name ("Notes tagged IndieWeb")
 * @param url the tag's page, the feed's u-url
 * @param owner the author of every note, as an h-card
 * @param entries the notes on this page, newest first
 * @param newest the URL of the tag's first page, or {@code null} on it
 * @param older the URL of the next older page, or {@code null} on the last
 * @param allTags the URL of the list of tags
 */
record TagView(String feedName, String url, OwnerCard owner, List<EntryView> entries, String newest, String older,
		String allTags) {
}
