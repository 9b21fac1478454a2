package io.starpunk.notes;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.starpunk.config.SqlTime;

/**
 * The {@code notes_fts} full-text index (V006): one row per note, rowid = notes.id, its
 * title and plain words, and the hash of the file they were made from.
 */
@Repository
class SearchIndexRepository {

	/**
	 * The notes a visitor may find: published, not deleted, and due ({@code :now} is
	 * bound to the current time in every query).
	 */
	static final String VISIBLE = "n.published = 1 AND n.deleted_at IS NULL AND n.created_at <= :now";

	/** Every note the owner may find: all that are not purged. */
	static final String ALL = "1 = 1";

	private static final String SNIPPET = "snippet(notes_fts, 1, char(57344), char(57345), '…', 24)";

	private final JdbcClient jdbc;

	private final Clock clock;

	SearchIndexRepository(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** Writes a note's row, replacing the one it had. */
	void save(long id, String title, String content, String contentHash) {
		this.jdbc.sql("DELETE FROM notes_fts WHERE rowid = ?").param(id).update();
		this.jdbc.sql("INSERT INTO notes_fts (rowid, title, content, content_hash) VALUES (?, ?, ?, ?)")
			.params(id, title, content, contentHash)
			.update();
	}

	/** Every note with its file and the hash its index row was made from (or null). */
	List<Indexed> indexed() {
		List<Indexed> all = new ArrayList<>();
		this.jdbc.sql("""
				SELECT n.id, n.file_path, f.content_hash AS indexed_hash
				FROM notes n LEFT JOIN notes_fts f ON f.rowid = n.id
				""").query((row) -> {
			all.add(new Indexed(row.getLong("id"), row.getString("file_path"), row.getString("indexed_hash")));
		});
		return all;
	}

	/** Removes the rows of notes that no longer exist. */
	int deleteOrphans() {
		return this.jdbc.sql("DELETE FROM notes_fts WHERE rowid NOT IN (SELECT id FROM notes)").update();
	}

	/*
	 * Both queries name the index first with CROSS JOIN, which SQLite never reorders:
	 * left to choose, its planner read the published notes through idx_notes_published
	 * and ran the full-text match once per note (0.63 s for a count over 10,000 notes,
	 * against 1 ms from the index first).
	 */

	int count(String match, String condition) {
		return this.jdbc.sql(
				"SELECT count(*) FROM notes_fts f CROSS JOIN notes n ON n.id = f.rowid WHERE notes_fts MATCH :match AND "
						+ condition)
			.param("match", match)
			.param("now", SqlTime.text(this.clock.instant()))
			.query(Integer.class)
			.single();
	}

	/*
	 * A page of matches is read in three steps. The ranked query sorts the note ids only:
	 * SQLite computes every result column of every match before it sorts, so asking it
	 * for the notes' columns, their titles and their snippets there cost 3.4 ms for a
	 * word in 500 of 10,000 notes, against 0.6 ms for the ids. Then the page's rows, by
	 * id, and the page's snippets (snippet() needs the MATCH, and is computed only for
	 * the rows the rowid condition keeps).
	 */
	List<SearchHit> find(String match, String condition, boolean ranked, int offset, int limit) {
		// unranked: the index's own rowid order, read newest first without a sort
		String order = ranked ? "bm25(notes_fts) ASC, n.created_at DESC, n.id DESC" : "f.rowid DESC";
		List<Long> ids = this.jdbc
			.sql("SELECT n.id FROM notes_fts f CROSS JOIN notes n ON n.id = f.rowid WHERE notes_fts MATCH :match AND "
					+ condition + " ORDER BY " + order + " LIMIT :limit OFFSET :offset")
			.param("match", match)
			.param("now", SqlTime.text(this.clock.instant()))
			.param("limit", limit)
			.param("offset", offset)
			.query(Long.class)
			.list();
		if (ids.isEmpty()) {
			return List.of();
		}
		Map<Long, SearchHit> rows = new HashMap<>();
		this.jdbc
			.sql("SELECT n.id, n.slug, n.file_path, n.published, n.created_at, n.updated_at, n.deleted_at, "
					+ "n.content_hash, f.title AS fts_title FROM notes_fts f JOIN notes n ON n.id = f.rowid "
					+ "WHERE f.rowid IN (:ids)")
			.param("ids", ids)
			.query(SearchIndexRepository::hit)
			.list()
			.forEach((hit) -> rows.put(hit.note().id(), hit));
		Map<Long, String> snippets = new HashMap<>();
		this.jdbc
			.sql("SELECT rowid, " + SNIPPET + " AS fts_snippet FROM notes_fts WHERE notes_fts MATCH :match"
					+ " AND rowid IN (:ids)")
			.param("match", match)
			.param("ids", ids)
			.query((row) -> {
				snippets.put(row.getLong("rowid"), row.getString("fts_snippet"));
			});
		return ids.stream()
			.map(rows::get)
			.filter(Objects::nonNull)
			.map((hit) -> new SearchHit(hit.note(), hit.title(),
					Highlighted.of(snippets.getOrDefault(hit.note().id(), ""))))
			.toList();
	}

	private static SearchHit hit(ResultSet row, int number) throws SQLException {
		Note note = new Note(row.getLong("id"), row.getString("slug"), row.getString("file_path"),
				row.getInt("published") == 1, SqlTime.instant(row.getString("created_at")),
				SqlTime.instant(row.getString("updated_at")), SqlTime.instant(row.getString("deleted_at")),
				row.getString("content_hash"));
		return new SearchHit(note, row.getString("fts_title"), null);
	}

	/**
	 * A note as the index knows it.
	 *
	 * @param id the note
	 * @param filePath its file
	 * @param indexedHash the hash of the file its row was made from, or {@code null} when
	 * it has no row
	 */
	record Indexed(long id, String filePath, String indexedHash) {
	}

}
