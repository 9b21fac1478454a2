package io.starpunk.notes;

/**
 * Which notes the owner's list shows.
 */
public enum NoteFilter {

	/** Every note that is not deleted: published notes and drafts. */
	ALL("deleted_at IS NULL"),

	/** Public notes: published and not deleted. */
	PUBLISHED("published = 1 AND deleted_at IS NULL"),

	/** Unpublished notes that are not deleted. */
	DRAFT("published = 0 AND deleted_at IS NULL"),

	/** Soft-deleted notes, which can be restored or purged. */
	DELETED("deleted_at IS NOT NULL");

	/** The SQL condition: fixed text, never built from input. */
	final String condition;

	NoteFilter(String condition) {
		this.condition = condition;
	}

}
