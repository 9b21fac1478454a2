package io.starpunk.notes;

/**
 * Which notes the owner's list shows.
 */
public enum NoteFilter {

	/** Every note that is not deleted: published notes and drafts. */
	ALL("deleted_at IS NULL"),

	/** Published notes that are not deleted, scheduled ones included. */
	PUBLISHED("published = 1 AND deleted_at IS NULL"),

	/**
	 * Published notes dated in the future, waiting to become public ({@code :now} is the
	 * current time).
	 */
	SCHEDULED("published = 1 AND deleted_at IS NULL AND created_at > :now"),

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
