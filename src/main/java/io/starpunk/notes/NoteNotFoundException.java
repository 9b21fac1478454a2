package io.starpunk.notes;

/**
 * No note has that id.
 */
public class NoteNotFoundException extends RuntimeException {

	public NoteNotFoundException(long id) {
		super("No note with id " + id);
	}

}
