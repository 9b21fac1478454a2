package io.starpunk.database;

import java.util.List;
import java.util.Locale;

import io.starpunk.database.SchemaShape.Table;

/**
 * What StarPunk 1.1 to 1.5 added to its database (its migrations 005 to 009), known by
 * name and recognised by shape: the search index {@code notes_fts} with its trigger
 * {@code notes_fts_delete} (005), the {@code author_profile} cache (006), photos
 * ({@code media}, {@code note_media}, 007), tags ({@code tags}, {@code note_tags}, 008)
 * and image variants ({@code media_variants}, 009). Four of these names are also this
 * server's own (V005, V006), so an adopted database has them set aside, as
 * {@code starpunk_<name>}, before this server's migrations run (V2.1), and imported from
 * there after them (V6.1).
 * <p>
 * The column lists of 006 and 007 were never published in full, so a table counts as
 * StarPunk's when it has the columns adoption reads, whatever else it has.
 */
public final class StarpunkAdditions {

	/**
	 * The tables that are set aside and imported, children first: the order in which they
	 * are dropped.
	 */
	public static final List<String> SET_ASIDE = List.of("media_variants", "note_media", "note_tags", "media", "tags");

	/** StarPunk 1.1's full-text index (FTS5), derived from the notes: dropped. */
	public static final String SEARCH_INDEX = "notes_fts";

	/** StarPunk 1.1's trigger that keeps {@link #SEARCH_INDEX} in step with deletes. */
	public static final String SEARCH_TRIGGER = "notes_fts_delete";

	/** StarPunk 1.2's cache of the owner's h-card: dropped. */
	public static final String AUTHOR_PROFILE = "author_profile";

	private StarpunkAdditions() {
	}

	/**
	 * The name under which a table is set aside.
	 * @param table one of {@link #SET_ASIDE}
	 * @return {@code starpunk_<table>}
	 */
	public static String setAsideName(String table) {
		return "starpunk_" + table;
	}

	/**
	 * Whether a table is the one StarPunk made under its name: it has the columns
	 * adoption reads (and, for {@code media}, not this server's {@code content_hash}).
	 * @param table one of {@link #SET_ASIDE} or {@link #AUTHOR_PROFILE}
	 * @return whether adoption can read it
	 */
	public static boolean isStarpunks(Table table) {
		return switch (table.name()) {
			case "media" -> has(table, "id", "path") && !table.hasColumn("content_hash")
					&& (table.hasColumn("stored_filename") || table.hasColumn("mime_type"));
			case "note_media" -> has(table, "note_id", "media_id");
			case "media_variants" -> has(table, "media_id", "path");
			case "tags" -> table.hasColumn("id") && (table.hasColumn("display_name") || table.hasColumn("name"));
			case "note_tags" -> has(table, "note_id", "tag_id");
			case AUTHOR_PROFILE -> table.hasColumn("me");
			case SEARCH_INDEX -> isFts5(table.sql());
			default -> false;
		};
	}

	/**
	 * Whether an SQL statement creates an FTS5 virtual table.
	 * @param sql the statement SQLite keeps for a table, or {@code null}
	 * @return whether it is {@code CREATE VIRTUAL TABLE ... USING fts5(...)}
	 */
	public static boolean isFts5(String sql) {
		return sql != null && sql.toLowerCase(Locale.ROOT)
			.replaceAll("\\s+", " ")
			.matches("(?s)create virtual table .* using fts5\\s*\\(.*");
	}

	private static boolean has(Table table, String... columns) {
		for (String column : columns) {
			if (!table.hasColumn(column)) {
				return false;
			}
		}
		return true;
	}

}
