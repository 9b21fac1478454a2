package io.starpunk.feed;

import java.net.URI;
import java.time.Instant;

/**
 * One public note as every feed format shows it.
 *
 * @param title a title made from the note's first line (notes have none of their own)
 * @param permalink the note's absolute URL, also its id
 * @param published when it was created
 * @param updated when it was last changed
 * @param html its rendered, sanitised HTML
 */
record FeedItem(String title, URI permalink, Instant published, Instant updated, String html) {
}
