package io.starpunk.feed;

import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * One public note as every feed format shows it.
 *
 * @param title the note's name, or a title made from its first line
 * @param permalink the note's absolute URL, also its id
 * @param published when it was created
 * @param updated when it was last changed
 * @param html its rendered, sanitised HTML, its photos included
 * @param categories its categories (tags)
 */
record FeedItem(String title, URI permalink, Instant published, Instant updated, String html, List<String> categories) {
}
