package io.starpunk.site;

import java.util.List;

/**
 * The home page: one page of the h-feed.
 *
 * @param feedName the feed's name
 * @param url the home page, the feed's u-url
 * @param description the site's description, possibly empty
 * @param owner the owner's h-card
 * @param entries the notes on this page, newest first
 * @param older the URL of the next older page, or {@code null} on the last
 */
record HomeView(String feedName, String url, String description, OwnerCard owner, List<EntryView> entries,
		String older) {
}
