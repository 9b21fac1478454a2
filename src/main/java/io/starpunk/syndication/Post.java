package io.starpunk.syndication;

/**
 * What is syndicated of a note.
 *
 * @param noteId the note
 * @param text its text, as plain text
 * @param permalink its URL on this site
 * @param key a key the same for every attempt of one job (a retry must not post twice)
 */
record Post(long noteId, String text, String permalink, String key) {
}
