package io.starpunk.notes;

import java.time.Instant;

import org.springframework.stereotype.Component;

import io.starpunk.config.StarpunkSettings;

/**
 * The slug of a new note: the one its author asked for, checked, or one made by the
 * site's rule ({@code SLUG_STYLE}: the first words, or the creation time), then made
 * unique against the slugs of other notes and the files already in the notes folder.
 * {@link Slugs} holds the rules themselves.
 */
@Component
class SlugChoice {

	private final NoteRepository notes;

	private final NoteFiles files;

	private final boolean timestampSlugs;

	SlugChoice(NoteRepository notes, NoteFiles files, StarpunkSettings settings) {
		this.notes = notes;
		this.files = files;
		this.timestampSlugs = settings.timestampSlugs();
	}

	/**
	 * The slug for a new note, free in the database and on disk.
	 * @param source the text to make a slug of (the note's name, or its plain text)
	 * @param requested a custom slug, or {@code null} or blank to make one
	 * @param created when the note is created (dated)
	 * @return the slug
	 * @throws InvalidNoteException for an unusable or reserved custom slug
	 */
	String choose(String source, String requested, Instant created) {
		String base;
		if (requested != null && !requested.isBlank()) {
			try {
				base = Slugs.sanitiseCustom(requested);
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidNoteException("slug", ex.getMessage());
			}
			if (Slugs.isReserved(base)) {
				throw new InvalidNoteException("slug", "'" + base + "' is reserved for the site's own pages");
			}
		}
		else if (this.timestampSlugs) {
			return Slugs.unique(Slugs.fromCreation(created), (candidate) -> taken(candidate, created), 1);
		}
		else {
			base = Slugs.fromContent(source, created);
			if (Slugs.isReserved(base)) {
				base = base + "-note";
			}
		}
		return Slugs.unique(base, (candidate) -> taken(candidate, created));
	}

	private boolean taken(String slug, Instant created) {
		return this.notes.slugTaken(slug) || this.files.exists(NoteFiles.filePath(slug, created));
	}

}
