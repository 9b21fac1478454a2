package io.starpunk.notes;

/**
 * A note's Markdown as read from its file.
 *
 * @param markdown the text
 * @param intact whether the file matched the note's content hash
 */
public record NoteText(String markdown, boolean intact) {
}
