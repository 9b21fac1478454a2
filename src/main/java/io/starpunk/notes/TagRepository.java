package io.starpunk.notes;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.starpunk.config.SqlTime;

/**
 * The {@code tags} and {@code note_tags} tables (V006): an index of the notes' category
 * properties, written only by {@link TagIndex}.
 */
@Repository
class TagRepository {

	/**
	 * A public note: published, not deleted and due ({@code :now} is bound to the current
	 * time).
	 */
	private static final String VISIBLE = "notes.published = 1 AND notes.deleted_at IS NULL AND notes.created_at <= :now";

	private final JdbcClient jdbc;

	private final Clock clock;

	TagRepository(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	private String now() {
		return SqlTime.text(this.clock.instant());
	}

	/** Every tag's id by its name. */
	Map<String, Long> allIds() {
		Map<String, Long> ids = new HashMap<>();
		this.jdbc.sql("SELECT id, name FROM tags").query((row) -> {
			ids.put(row.getString("name"), row.getLong("id"));
		});
		return ids;
	}

	Optional<Long> idOf(String name) {
		return this.jdbc.sql("SELECT id FROM tags WHERE name = ?").param(name).query(Long.class).optional();
	}

	long insert(String name, String displayName, Instant now) {
		this.jdbc.sql("INSERT INTO tags (name, display_name, created_at) VALUES (?, ?, ?)")
			.params(name, displayName, SqlTime.text(now))
			.update();
		return idOf(name).orElseThrow();
	}

	/** The tags of every note that has any, by note id. */
	Map<Long, Set<Long>> allNoteTags() {
		Map<Long, Set<Long>> tags = new HashMap<>();
		this.jdbc.sql("SELECT note_id, tag_id FROM note_tags").query((row) -> {
			tags.computeIfAbsent(row.getLong("note_id"), (id) -> new HashSet<>()).add(row.getLong("tag_id"));
		});
		return tags;
	}

	Set<Long> tagsOf(long noteId) {
		return new HashSet<>(
				this.jdbc.sql("SELECT tag_id FROM note_tags WHERE note_id = ?").param(noteId).query(Long.class).list());
	}

	/** Makes a note's tags these, and no others. */
	void replace(long noteId, Set<Long> tagIds) {
		this.jdbc.sql("DELETE FROM note_tags WHERE note_id = ?").param(noteId).update();
		for (long tagId : tagIds) {
			this.jdbc.sql("INSERT INTO note_tags (note_id, tag_id) VALUES (?, ?)").params(noteId, tagId).update();
		}
	}

	/** Removes those of these tags that no note carries any more. */
	void removeUnused(Collection<Long> tagIds) {
		for (long tagId : tagIds) {
			this.jdbc.sql("DELETE FROM tags WHERE id = ? AND NOT EXISTS (SELECT 1 FROM note_tags WHERE tag_id = ?)")
				.params(tagId, tagId)
				.update();
		}
	}

	/** Removes every tag that no note carries. */
	int removeAllUnused() {
		return this.jdbc
			.sql("DELETE FROM tags WHERE NOT EXISTS (SELECT 1 FROM note_tags WHERE note_tags.tag_id = tags.id)")
			.update();
	}

	/** The tag of this name, if a public note carries it. */
	Optional<Tag> findPublic(String name) {
		return this.jdbc.sql("""
				SELECT tags.name, tags.display_name FROM tags WHERE tags.name = :name AND EXISTS (
				SELECT 1 FROM note_tags JOIN notes ON notes.id = note_tags.note_id
				WHERE note_tags.tag_id = tags.id AND %s)
				""".formatted(VISIBLE))
			.param("name", name)
			.param("now", now())
			.query((row, number) -> new Tag(row.getString("name"), row.getString("display_name")))
			.optional();
	}

	/** The tags of these names that exist, by name. */
	Map<String, Tag> findAll(Collection<String> names) {
		if (names.isEmpty()) {
			return Map.of();
		}
		Map<String, Tag> found = new HashMap<>();
		this.jdbc.sql("SELECT name, display_name FROM tags WHERE name IN (:names)")
			.param("names", names)
			.query((row) -> {
				found.put(row.getString("name"), new Tag(row.getString("name"), row.getString("display_name")));
			});
		return found;
	}

	/** Every tag a public note carries, with how many, by display spelling. */
	List<TagCount> counts() {
		return this.jdbc.sql("""
				SELECT tags.name, tags.display_name, count(*) AS notes FROM tags
				JOIN note_tags ON note_tags.tag_id = tags.id
				JOIN notes ON notes.id = note_tags.note_id
				WHERE %s
				GROUP BY tags.id
				ORDER BY tags.display_name COLLATE NOCASE, tags.name
				""".formatted(VISIBLE))
			.param("now", now())
			.query((row, number) -> new TagCount(new Tag(row.getString("name"), row.getString("display_name")),
					row.getInt("notes")))
			.list();
	}

	/**
	 * The display spellings of the tags of notes that are not deleted, drafts included.
	 */
	List<String> displayNamesInUse() {
		return this.jdbc.sql("""
				SELECT DISTINCT tags.display_name FROM tags
				JOIN note_tags ON note_tags.tag_id = tags.id
				JOIN notes ON notes.id = note_tags.note_id
				WHERE notes.deleted_at IS NULL
				ORDER BY tags.display_name COLLATE NOCASE
				""").query(String.class).list();
	}

}
