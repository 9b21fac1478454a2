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
 * schema Flyway already manages, or a database StarPunk (Python, 0.1 to 1.0.x) left
 * behind. For StarPunk's it also says at which Flyway version to baseline.
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

	/** The StarPunk migrations this server knows how to adopt: up to 1.0.x. */
	static final List<String> KNOWN_STARPUNK_MIGRATIONS = List.of(M001, M002, M003, M004);

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
			throw new StartupFailure(file + " records StarPunk migration(s) " + unknown
					+ " that are newer than the StarPunk 1.0.x this server can adopt; it was left untouched."
					+ " Keep running the StarPunk version that wrote it, or restore a backup made before it.");
		}
		boolean hashedTokens = hasHashedTokens(shape.table("tokens"));
		return new DatabaseState(Kind.STARPUNK, describe(shape, recorded, hashedTokens), hashedTokens ? "2" : "1",
				recorded);
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

	private static String numbers(List<String> recorded) {
		return String.join(", ", recorded.stream().map((name) -> name.substring(0, 3)).toList());
	}

}
