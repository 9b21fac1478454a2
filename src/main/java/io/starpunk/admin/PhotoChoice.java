package io.starpunk.admin;

import java.util.List;

import org.springframework.http.HttpStatus;

import io.starpunk.notes.NoteProperties;

/**
 * The photos an editor form ends up with: those it kept and those it uploaded now, in the
 * order chosen, and what could not be taken.
 *
 * @param photos the photos, in order
 * @param problem why a photo was refused or left out, or {@code null}
 * @param status the status to answer a refusal with (413, 415, 422, 503, ...), or 200
 */
record PhotoChoice(List<EditorPhoto> photos, String problem, HttpStatus status) {

	static final PhotoChoice NONE = new PhotoChoice(List.of(), null, HttpStatus.OK);

	/** Whether the note may be saved with these photos. */
	boolean acceptable() {
		return this.problem == null;
	}

	/** The photos as the note keeps them. */
	List<NoteProperties.Photo> forNote() {
		return this.photos.stream().map((photo) -> new NoteProperties.Photo(photo.url(), photo.alt())).toList();
	}

}
