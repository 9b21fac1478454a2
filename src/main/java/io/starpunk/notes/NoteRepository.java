package io.starpunk.notes;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

import io.starpunk.config.SqlTime;

/**
 * The {@code notes} table. Times are stored as StarPunk stored them: UTC text
 * {@code YYYY-MM-DD HH:MM:SS}, which SQLite's own {@code CURRENT_TIMESTAMP} also writes.
 */
@Repository
class NoteRepository {

	private static final String COLUMNS = "id, slug, file_path, published, created_at, updated_at, deleted_at, content_hash";

	/**
	 * A note a visitor may see: published, not deleted, and due (a note dated in the
	 * future is scheduled). {@code :now} is bound to {@link #now()}.
	 */
	static final String VISIBLE = "published = 1 AND deleted_at IS NULL AND created_at <= :now";

	private final JdbcClient jdbc;

	private final Clock clock;

	NoteRepository(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** The current time as the {@code created_at} column holds it. */
	private String now() {
		return SqlTime.text(this.clock.instant());
	}

	long insert(String slug, String filePath, boolean published, Instant now, String contentHash) {
		KeyHolder key = new GeneratedKeyHolder();
		this.jdbc.sql("""
				INSERT INTO notes (slug, file_path, published, created_at, updated_at, content_hash)
				VALUES (:slug, :filePath, :published, :now, :now, :hash)
				""")
			.param("slug", slug)
			.param("filePath", filePath)
			.param("published", published ? 1 : 0)
			.param("now", SqlTime.text(now))
			.param("hash", contentHash)
			.update(key, "id");
		return key.getKey().longValue();
	}

	Optional<Note> findById(long id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM notes WHERE id = ?")
			.param(id)
			.query(NoteRepository::note)
			.optional();
	}

	Optional<Note> findBySlug(String slug) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM notes WHERE slug = ?")
			.param(slug)
			.query(NoteRepository::note)
			.optional();
	}

	/** Whether a note's row names this file. */
	boolean fileInUse(String filePath) {
		return this.jdbc.sql("SELECT count(*) FROM notes WHERE file_path = ?")
			.param(filePath)
			.query(Integer.class)
			.single() > 0;
	}

	boolean slugTaken(String slug) {
		return this.jdbc.sql("SELECT count(*) FROM notes WHERE slug = ?").param(slug).query(Integer.class).single() > 0;
	}

	/**
	 * Public notes, newest first, before a cursor: keyset pagination on
	 * {@code (created_at, id)} over the partial index {@code idx_notes_visible} (V003),
	 * named so that SQLite cannot choose a plan that sorts every note; the cost does not
	 * grow with the number of notes.
	 */
	List<Note> findVisible(NoteCursor before, int limit) {
		if (before == null) {
			return this.jdbc.sql("SELECT " + COLUMNS + """
					 FROM notes INDEXED BY idx_notes_visible
					WHERE published = 1 AND deleted_at IS NULL AND created_at <= :now
					ORDER BY created_at DESC, id DESC LIMIT :limit
					""").param("now", now()).param("limit", limit).query(NoteRepository::note).list();
		}
		return this.jdbc.sql("SELECT " + COLUMNS + """
				 FROM notes INDEXED BY idx_notes_visible
					WHERE published = 1 AND deleted_at IS NULL AND created_at <= :now
				AND (created_at < :at OR (created_at = :at AND id < :id))
				ORDER BY created_at DESC, id DESC LIMIT :limit
				""")
			.param("now", now())
			.param("at", SqlTime.text(before.createdAt()))
			.param("id", before.id())
			.param("limit", limit)
			.query(NoteRepository::note)
			.list();
	}

	/**
	 * A tag with at least this many notes has its page read by walking the newest public
	 * notes and keeping the tag's; a smaller one by sorting its notes.
	 */
	static final int WALK_FROM = 200;

	/**
	 * Public notes that carry a tag, newest first, before a cursor, as
	 * {@link #findVisible}.
	 * <p>
	 * Two plans, chosen by the tag's size (counted from its index, 0.05 ms). Sorting the
	 * tag's notes costs what the tag holds: 1.7 ms for 1,900 of 10,000 notes, where
	 * walking {@code idx_notes_visible} newest first and keeping the tag's notes found a
	 * page in 0.06 ms. The walk costs what the archive holds between two of the tag's
	 * notes: for a tag of a few notes it would read the whole archive (2.1 ms at 10,000
	 * notes, ten times that at 100,000), where sorting them is nothing.
	 */
	List<Note> findVisibleTagged(String tagName, NoteCursor before, int limit) {
		int size = this.jdbc.sql("""
				SELECT count(*) FROM note_tags WHERE tag_id = (SELECT id FROM tags WHERE name = ?)
				""").param(tagName).query(Integer.class).single();
		if (size == 0) {
			return List.of();
		}
		String after = (before != null) ? " AND (created_at < :at OR (created_at = :at AND id < :id))" : "";
		String sql = (size >= WALK_FROM) ? "SELECT " + COLUMNS + """
				 FROM notes INDEXED BY idx_notes_visible
				WHERE published = 1 AND deleted_at IS NULL AND created_at <= :now AND EXISTS (SELECT 1 FROM note_tags
				WHERE note_tags.note_id = notes.id AND note_tags.tag_id = (SELECT id FROM tags WHERE name = :name))"""
				+ after
				: "SELECT " + COLUMNS
						+ """
								 FROM notes
								WHERE published = 1 AND deleted_at IS NULL AND created_at <= :now AND id IN (SELECT note_id FROM note_tags
								WHERE tag_id = (SELECT id FROM tags WHERE name = :name))"""
						+ after;
		JdbcClient.StatementSpec query = this.jdbc.sql(sql + """

				ORDER BY created_at DESC, id DESC LIMIT :limit
				""").param("name", tagName).param("now", now()).param("limit", limit);
		if (before != null) {
			query = query.param("at", SqlTime.text(before.createdAt())).param("id", before.id());
		}
		return query.query(NoteRepository::note).list();
	}

	/** The id of every note, deleted ones too, oldest first. */
	List<Long> allIdsOldestFirst() {
		return this.jdbc.sql("SELECT id FROM notes ORDER BY created_at, id").query(Long.class).list();
	}

	/**
	 * Notes of one kind, newest first by {@code (created_at, id)}, a page at a time.
	 */
	List<Note> findAll(NoteFilter filter, int offset, int limit) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM notes WHERE " + filter.condition + """
				 ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset
				""")
			.param("now", now())
			.param("limit", limit)
			.param("offset", offset)
			.query(NoteRepository::note)
			.list();
	}

	NoteCounts count() {
		return this.jdbc.sql("""
				SELECT coalesce(sum(CASE WHEN published = 1 AND deleted_at IS NULL THEN 1 ELSE 0 END), 0) AS published,
				       coalesce(sum(CASE WHEN published = 1 AND deleted_at IS NULL AND created_at > :now
				                    THEN 1 ELSE 0 END), 0) AS scheduled,
				       coalesce(sum(CASE WHEN published = 0 AND deleted_at IS NULL THEN 1 ELSE 0 END), 0) AS drafts,
				       coalesce(sum(CASE WHEN deleted_at IS NOT NULL THEN 1 ELSE 0 END), 0) AS deleted
				FROM notes
				""")
			.param("now", now())
			.query((row, number) -> new NoteCounts(row.getInt("published"), row.getInt("drafts"), row.getInt("deleted"),
					row.getInt("scheduled")))
			.single();
	}

	void updateContent(long id, boolean published, Instant now, String contentHash) {
		this.jdbc.sql("UPDATE notes SET published = ?, updated_at = ?, content_hash = ? WHERE id = ?")
			.params(published ? 1 : 0, SqlTime.text(now), contentHash, id)
			.update();
	}

	void setDeletedAt(long id, Instant deletedAt) {
		this.jdbc.sql("UPDATE notes SET deleted_at = ? WHERE id = ?")
			.params((deletedAt != null) ? SqlTime.text(deletedAt) : null, id)
			.update();
	}

	void delete(long id) {
		this.jdbc.sql("DELETE FROM notes WHERE id = ?").param(id).update();
	}

	private static Note note(ResultSet row, int number) throws SQLException {
		return new Note(row.getLong("id"), row.getString("slug"), row.getString("file_path"),
				row.getInt("published") == 1, SqlTime.instant(row.getString("created_at")),
				SqlTime.instant(row.getString("updated_at")), SqlTime.instant(row.getString("deleted_at")),
				row.getString("content_hash"));
	}

}
