package io.starpunk.notes;

import java.time.Instant;

/**
 * Published after a change to the notes has been committed; feeds and caches listen to it
 * instead of asking on every request.
 *
 * @param at when the change was made
 */
public record NotesChanged(Instant at) {
}
