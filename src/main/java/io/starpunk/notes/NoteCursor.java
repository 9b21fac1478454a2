package io.starpunk.notes;

import java.time.Instant;

/**
 * Where a page of the newest-first list of public notes ended: a stable cursor, valid
 * whatever is published after it.
 *
 * @param createdAt the creation time of the last note on the page
 * @param id its id
 */
public record NoteCursor(Instant createdAt, long id) {

	public static NoteCursor after(Note note) {
		return new NoteCursor(note.createdAt(), note.id());
	}

}
