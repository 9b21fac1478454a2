package io.starpunk.notes;

/**
 * A tag: a note's category that is a plain word or phrase.
 *
 * @param name its normalised name ({@link TagNames#normalise}), by which it is looked up
 * and which its URL carries: {@code /tags/<name>}
 * @param displayName the first spelling of it ever seen, shown on pages and in feeds
 */
public record Tag(String name, String displayName) {
}
