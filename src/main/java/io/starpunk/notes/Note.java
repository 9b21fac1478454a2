package io.starpunk.notes;

import java.time.Instant;

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

	public boolean deleted() {
		return this.deletedAt != null;
	}

	/** Public: published and not deleted. */
	public boolean visible() {
		return this.published && this.deletedAt == null;
	}

	public boolean edited() {
		return this.updatedAt.isAfter(this.createdAt);
	}

}
