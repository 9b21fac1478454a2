package io.starpunk.notes;

import java.time.Instant;
import java.time.ZoneOffset;

/**
 * A note's metadata, as in the {@code notes} table. Its text is the Markdown file at
 * {@link #filePath()}.
 *
 * @param id the row id
 * @param slug the URL name, never changed after creation
 * @param filePath the file, relative to DATA_PATH: {@code notes/YYYY/MM/<slug>.md}
 * @param published whether it is public (a draft otherwise)
 * @param createdAt when it was created
 * @param updatedAt when it was last changed
 * @param deletedAt when it was soft-deleted, or {@code null}
 * @param contentHash the SHA-256 hex of the file's bytes
 */
public record Note(long id, String slug, String filePath, boolean published, Instant createdAt, Instant updatedAt,
		Instant deletedAt, String contentHash) {

	/**
	 * The first year (UTC) a note may be dated: times are kept as the text
	 * {@code YYYY-MM-DD HH:MM:SS} and files as {@code notes/YYYY/MM}, which order as text
	 * only for four-digit years of the common era.
	 */
	public static final int FIRST_YEAR = 1;

	/** The last year (UTC) a note may be dated; see {@link #FIRST_YEAR}. */
	public static final int LAST_YEAR = 9999;

	/**
	 * Whether a note may be dated at an instant: its UTC year is {@value #FIRST_YEAR} to
	 * {@value #LAST_YEAR}.
	 * @param instant the instant
	 * @return whether it is in range
	 */
	public static boolean datable(Instant instant) {
		int year = instant.atOffset(ZoneOffset.UTC).getYear();
		return year >= FIRST_YEAR && year <= LAST_YEAR;
	}

	public boolean deleted() {
		return this.deletedAt != null;
	}

	/** Published and not deleted: public now, or once it is due when it is scheduled. */
	public boolean visible() {
		return this.published && this.deletedAt == null;
	}

	/**
	 * Public at a moment: published, not deleted, and its published date has come.
	 * @param now the moment
	 * @return whether a visitor may see it then
	 */
	public boolean visibleAt(Instant now) {
		return visible() && !scheduledAt(now);
	}

	/**
	 * Scheduled at a moment: published, not deleted, and dated later (it stays off every
	 * public page until then).
	 * @param now the moment
	 * @return whether it is waiting for its published date
	 */
	public boolean scheduledAt(Instant now) {
		return visible() && this.createdAt.isAfter(now);
	}

	public boolean edited() {
		return this.updatedAt.isAfter(this.createdAt);
	}

}
