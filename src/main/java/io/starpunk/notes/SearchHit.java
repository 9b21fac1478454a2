package io.starpunk.notes;

/**
 * A note a search found.
 *
 * @param note the note (for the owner, possibly a draft or deleted)
 * @param title its explicit name or first line, plain text
 * @param snippet where the search matched, highlighted
 */
public record SearchHit(Note note, String title, Highlighted snippet) {
}
