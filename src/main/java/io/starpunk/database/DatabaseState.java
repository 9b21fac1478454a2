package io.starpunk.database;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.starpunk.database.SchemaShape.Column;
import io.starpunk.database.SchemaShape.Table;

/**
 * What a database file holds before the upgrade, found by reading it only: nothing yet, a
 * schema Flyway already manages, or a database StarPunk (Python, 0.1 to 1.5.x) left
 * behind. For StarPunk's it also says at which Flyway version to baseline. A database
 * that records a StarPunk migration this server does not know (newer than 009, or a name
 * StarPunk never shipped), or that holds a table under one of StarPunk 1.x's names
 * without StarPunk's shape, is refused before anything is written.
 *
 * @param kind which of the three it is
 * @param description a line for the log and the dry run
 * @param baselineVersion for {@link Kind#STARPUNK}, the version of this server's
 * migrations that the database already matches: {@code 2} when its token tables are
 * already hashed (StarPunk migration 002's shape), {@code 1} otherwise; else {@code null}
 * @param starpunkMigrations the migrations StarPunk recorded in its own
 * {@code schema_migrations} table, if any
 */
record DatabaseState(Kind kind, String description, String baselineVersion, List<String> starpunkMigrations) {

	static final String M001 = "001_add_code_verifier_to_auth_state.sql";

	static final String M002 = "002_secure_tokens_and_authorization_codes.sql";

	static final String M003 = "003_remove_code_verifier_from_auth_state.sql";

	static final String M004 = "004_drop_token_tables.sql";

	static final String M005 = "005_add_fts5_search.sql";

	static final String M006 = "006_add_author_profile.sql";

	static final String M007 = "007_add_media_support.sql";

	static final String M008 = "008_add_tags.sql";

	static final String M009 = "009_add_media_variants.sql";

	/** The StarPunk migrations this server knows how to adopt: up to 1.5.x. */
	static final List<String> KNOWN_STARPUNK_MIGRATIONS = List.of(M001, M002, M003, M004, M005, M006, M007, M008, M009);

	/** The number of the last StarPunk migration this server knows. */
	private static final int LAST_KNOWN = 9;

	private static final Set<String> STARPUNK_TABLES = Set.of("notes", "sessions", "tokens", "auth_state",
			"authorization_codes", "schema_migrations");

	enum Kind {

		/** No tables yet (a new or empty file). */
		NEW,
		/** Flyway's history table is there: this server created or adopted it before. */
		MANAGED,
		/** StarPunk's tables without Flyway's history: to be adopted. */
		STARPUNK

	}

	boolean existing() {
		return this.kind != Kind.NEW;
	}

	/**
	 * Reads the state of the database behind a connection; reads only.
	 * @param connection an open connection
	 * @param file the file's name, for messages
	 * @return the state
	 * @throws SQLException if the file cannot be read
	 * @throws StartupFailure if the database is one this server must not change
	 */
	static DatabaseState detect(Connection connection, String file) throws SQLException {
		SchemaShape shape = SchemaShape.read(connection);
		if (shape.tables().isEmpty()) {
			return new DatabaseState(Kind.NEW, "a new, empty database", null, List.of());
		}
		if (shape.tables().containsKey(DatabaseUpgrade.HISTORY_TABLE)) {
			return new DatabaseState(Kind.MANAGED, "a database managed by this server", null, List.of());
		}
		if (shape.tables().keySet().stream().noneMatch(STARPUNK_TABLES::contains)) {
			throw new StartupFailure(
					file + " is an SQLite database but not StarPunk's (its tables are " + shape.tables().keySet()
							+ "); it was left untouched. Point DATA_PATH at a StarPunk data directory.");
		}
		List<String> recorded = shape.tables().containsKey("schema_migrations") ? recordedMigrations(connection)
				: List.of();
		List<String> unknown = recorded.stream().filter((name) -> !KNOWN_STARPUNK_MIGRATIONS.contains(name)).toList();
		if (!unknown.isEmpty()) {
			boolean allNewer = unknown.stream().allMatch(DatabaseState::isNewer);
			throw new StartupFailure(file + " records StarPunk migration(s) " + unknown
					+ (allNewer ? " that are newer than the StarPunk 1.5.x this server can adopt"
							: " that this server does not know (it adopts StarPunk up to 1.5.x, migrations 001 to 009)")
					+ "; it was left untouched."
					+ " Keep running the StarPunk version that wrote it, or restore a backup made before it.");
		}
		checkLaterTables(shape, file);
		boolean hashedTokens = hasHashedTokens(shape.table("tokens"));
		return new DatabaseState(Kind.STARPUNK, describe(shape, recorded, hashedTokens), hashedTokens ? "2" : "1",
				recorded);
	}

	/** A migration named with a number above 009, as StarPunk names them. */
	private static boolean isNewer(String name) {
		return name.matches("\\d{3}_.*") && Integer.parseInt(name.substring(0, 3)) > LAST_KNOWN;
	}

	/**
	 * Refuses a database that holds a table under one of the names StarPunk 1.1 to 1.5
	 * used without the shape adoption can read, or a table under a name adoption needs
	 * for itself: the upgrade would otherwise stop half way (and be rolled back) or lose
	 * rows.
	 */
	private static void checkLaterTables(SchemaShape shape, String file) {
		List<String> names = new ArrayList<>(StarpunkAdditions.SET_ASIDE);
		names.add(StarpunkAdditions.AUTHOR_PROFILE);
		names.add(StarpunkAdditions.SEARCH_INDEX);
		for (String name : names) {
			Table table = shape.table(name);
			if (table != null && !StarpunkAdditions.isStarpunks(table)) {
				throw new StartupFailure(file + " has a table " + name + " " + table.columnNames()
						+ " that is not the one StarPunk 1.x made; it was left untouched."
						+ " Rename or remove that table, or restore a backup.");
			}
		}
		for (String name : StarpunkAdditions.SET_ASIDE) {
			if (shape.table(StarpunkAdditions.setAsideName(name)) != null) {
				throw new StartupFailure(file + " has a table " + StarpunkAdditions.setAsideName(name)
						+ ", a name the adoption of StarPunk's " + name + " needs; it was left untouched."
						+ " Rename or remove that table, or restore a backup.");
			}
		}
	}

	/**
	 * StarPunk migration 002's token table: {@code token_hash TEXT NOT NULL} and no
	 * plaintext {@code token} column. A plaintext table, even one with a stray
	 * {@code token_hash} column added by hand, is not it.
	 */
	private static boolean hasHashedTokens(Table tokens) {
		if (tokens == null || tokens.hasColumn("token")) {
			return false;
		}
		Column hash = tokens.column("token_hash");
		return hash != null && hash.notNull();
	}

	private static List<String> recordedMigrations(Connection connection) throws SQLException {
		List<String> names = new ArrayList<>();
		try (Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT migration_name FROM schema_migrations ORDER BY id")) {
			while (rows.next()) {
				names.add(rows.getString(1));
			}
		}
		return names;
	}

	private static String describe(SchemaShape shape, List<String> recorded, boolean hashedTokens) {
		Table tokens = shape.table("tokens");
		Table sessions = shape.table("sessions");
		Table authState = shape.table("auth_state");
		if (recorded.contains(M009)) {
			return "StarPunk 1.4.x or 1.5.x (StarPunk migrations " + span(recorded)
					+ " recorded: search index, author profile, photos, tags, image variants)";
		}
		if (recorded.contains(M008)) {
			return "StarPunk 1.3.x (StarPunk migrations " + span(recorded)
					+ " recorded: search index, author profile, photos, tags)";
		}
		if (recorded.contains(M006) || recorded.contains(M007)) {
			return "StarPunk 1.2.x (StarPunk migrations " + span(recorded)
					+ " recorded: search index, author profile, photos)";
		}
		if (recorded.contains(M005)) {
			return "StarPunk 1.1.x (StarPunk migrations " + span(recorded) + " recorded: search index)";
		}
		if (recorded.contains(M004)) {
			return "StarPunk 1.0.x (StarPunk migrations 001-004 recorded; token tables dropped)";
		}
		if (recorded.contains(M002)) {
			return "StarPunk 1.0.0-rc.2 or later (StarPunk migrations " + numbers(recorded) + " recorded)";
		}
		if (hashedTokens) {
			return "StarPunk 1.0.0-rc.1, half migrated (hashed token tables exist but migration 002 is not recorded)";
		}
		if (!recorded.isEmpty()) {
			return "StarPunk 0.9.x (StarPunk migration " + numbers(recorded) + " recorded"
					+ ((tokens != null && tokens.hasColumn("token_hash")) ? ", a token_hash column added by hand" : "")
					+ ")";
		}
		if (authState != null && authState.hasColumn("code_verifier")) {
			return "StarPunk 0.8 (no migration records; auth_state has code_verifier)";
		}
		if (sessions != null && sessions.hasColumn("session_token")) {
			return "StarPunk 0.1-0.3 (no migration records; plaintext session tokens)";
		}
		return "StarPunk 0.4-0.7 (no migration records)";
	}

	/** The numbers recorded, as {@code 001-007} when they run from 001 without a gap. */
	private static String span(List<String> recorded) {
		List<String> numbers = recorded.stream().map((name) -> name.substring(0, 3)).sorted().toList();
		for (int i = 0; i < numbers.size(); i++) {
			if (!numbers.get(i).equals("%03d".formatted(i + 1))) {
				return numbers(recorded);
			}
		}
		return numbers.get(0) + "-" + numbers.get(numbers.size() - 1);
	}

	private static String numbers(List<String> recorded) {
		return String.join(", ", recorded.stream().map((name) -> name.substring(0, 3)).toList());
	}

}
