package db.migration;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import io.starpunk.config.Sha256;
import io.starpunk.database.SchemaShape.Index;
import io.starpunk.database.SchemaShape.Table;
import io.starpunk.database.SchemaShape;
import io.starpunk.database.StarpunkAdditions;

/**
 * Brings a database adopted from StarPunk to exactly the shape that V001 and V002 give an
 * empty database; on a database this server created it finds nothing to do.
 * <p>
 * StarPunk changed its tables in place from 0.1 to 1.0.x (plaintext session tokens until
 * 0.4, {@code auth_state} columns added by 0.4 and 0.8 and removed by 1.0, indexes that
 * rc.1 never created, tables that 1.0 dropped), so instead of one step per StarPunk
 * release this migration compares each table and index with the expected shape and
 * rebuilds what differs, the way SQLite documents for changes ALTER TABLE cannot make:
 * create the new table, copy the rows, drop the old one, rename. The expected shape is
 * not written here a second time: it is read from an in-memory database made by running
 * V001 and V002 themselves.
 * <p>
 * Rows are kept. The one column whose values change is {@code sessions.session_token}
 * (StarPunk before 0.4 stored the cookie itself): it becomes {@code session_token_hash},
 * the SHA-256 hex of the same value, the scheme StarPunk used from 0.4 on, so those
 * sessions keep working. A row that cannot be kept (a duplicate slug in a table that
 * never had the UNIQUE constraint, say) fails the migration, and the whole upgrade rolls
 * back.
 * <p>
 * Before anything else, what StarPunk 1.1 to 1.5 added is set aside (see
 * {@link StarpunkAdditions}): its photo and tag tables are copied, rows only, to
 * {@code starpunk_<name>} tables without constraints, for V6.1 to import once V005 and
 * V006 have made this server's tables of the same names; the originals are dropped,
 * children first. This comes first because a rebuild of {@code notes} drops that table,
 * and with foreign keys on, SQLite's implicit delete would cascade into
 * {@code note_media} and {@code note_tags}. The search index (FTS5, with its shadow
 * tables and its trigger) is derived data and {@code author_profile} a cache: both are
 * dropped; the server builds its own index. (This migration's checksum is not recorded,
 * being Java, so databases that applied its earlier form are not disturbed; it only ever
 * runs for a database adopted from StarPunk or a new one, where it finds nothing to set
 * aside.)
 */
public class V2_1__Converge_adopted_starpunk_schema extends BaseJavaMigration {

	private static final List<String> EXPECTED_SHAPE_SOURCES = List.of("db/migration/V001__initial_schema.sql",
			"db/migration/V002__secure_tokens_and_authorization_codes.sql");

	private static final Log log = LogFactory.getLog(V2_1__Converge_adopted_starpunk_schema.class);

	@Override
	public void migrate(Context context) throws Exception {
		Connection connection = context.getConnection();
		setAsideLaterStarpunkTables(connection);
		SchemaShape expected = expectedShape();
		SchemaShape actual = SchemaShape.read(connection);
		for (Table want : expected.tables().values()) {
			Table have = actual.table(want.name());
			if (have == null) {
				log.info("Creating table " + want.name() + ", which the adopted database lacks");
				execute(connection, want.sql());
			}
			else if (!want.sameDefinition(have)) {
				log.info("Rebuilding table " + want.name() + " to the current shape, keeping its rows");
				rebuild(connection, have, want);
			}
		}
		actual = SchemaShape.read(connection);
		for (Table want : expected.tables().values()) {
			for (Index index : actual.indexesOn(want.name())) {
				if (!index.sameDefinition(expected.indexes().get(index.name()))) {
					log.info("Dropping index " + index.name() + ", which the current schema does not have");
					execute(connection, "DROP INDEX " + quoted(index.name()));
				}
			}
			for (Index index : expected.indexesOn(want.name())) {
				if (!index.sameDefinition(actual.indexes().get(index.name()))) {
					log.info("Creating index " + index.name());
					execute(connection, index.sql());
				}
			}
		}
	}

	/**
	 * Copies StarPunk 1.2-1.4's photo and tag tables aside and drops them, and drops its
	 * search index, the index's trigger and its author profile cache. Only tables with
	 * StarPunk's shape are touched (DatabaseState has refused the others).
	 */
	private static void setAsideLaterStarpunkTables(Connection connection) throws SQLException {
		SchemaShape shape = SchemaShape.read(connection);
		if (isStarpunkSearchTrigger(connection)) {
			log.info("Dropping StarPunk's trigger " + StarpunkAdditions.SEARCH_TRIGGER);
			execute(connection, "DROP TRIGGER " + quoted(StarpunkAdditions.SEARCH_TRIGGER));
		}
		List<String> setAside = StarpunkAdditions.SET_ASIDE.stream()
			.filter((name) -> shape.table(name) != null && StarpunkAdditions.isStarpunks(shape.table(name)))
			.toList();
		for (String name : setAside) {
			String copy = StarpunkAdditions.setAsideName(name);
			execute(connection, "CREATE TABLE " + quoted(copy) + " AS SELECT * FROM " + quoted(name));
			log.info("Set StarPunk's table " + name + " aside as " + copy + " (" + count(connection, copy)
					+ " rows), to be imported after this server's own " + name + " exists");
		}
		for (String name : setAside) {
			execute(connection, "DROP TABLE " + quoted(name));
		}
		Table index = shape.table(StarpunkAdditions.SEARCH_INDEX);
		if (index != null && StarpunkAdditions.isStarpunks(index)) {
			log.info("Dropping StarPunk's search index " + index.name() + " (it is rebuilt from the notes)");
			execute(connection, "DROP TABLE " + quoted(index.name()));
		}
		Table profile = shape.table(StarpunkAdditions.AUTHOR_PROFILE);
		if (profile != null && StarpunkAdditions.isStarpunks(profile)) {
			log.info("Dropping StarPunk's cache " + profile.name());
			execute(connection, "DROP TABLE " + quoted(profile.name()));
		}
	}

	/** StarPunk 1.1's trigger: on {@code notes}, deleting from {@code notes_fts}. */
	private static boolean isStarpunkSearchTrigger(Connection connection) throws SQLException {
		try (PreparedStatement statement = connection
			.prepareStatement("SELECT tbl_name, sql FROM sqlite_master WHERE type = 'trigger' AND name = ?")) {
			statement.setString(1, StarpunkAdditions.SEARCH_TRIGGER);
			try (ResultSet rows = statement.executeQuery()) {
				return rows.next() && "notes".equals(rows.getString(1)) && rows.getString(2) != null
						&& rows.getString(2).contains(StarpunkAdditions.SEARCH_INDEX);
			}
		}
	}

	private static long count(Connection connection, String table) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + quoted(table))) {
			rows.next();
			return rows.getLong(1);
		}
	}

	/** The shape V001 and V002 give an empty database. */
	static SchemaShape expectedShape() throws SQLException, IOException {
		try (Connection memory = DriverManager.getConnection("jdbc:sqlite::memory:");
				Statement statement = memory.createStatement()) {
			for (String source : EXPECTED_SHAPE_SOURCES) {
				statement.executeUpdate(resource(source));
			}
			return SchemaShape.read(memory);
		}
	}

	private static void rebuild(Connection connection, Table have, Table want) throws SQLException {
		String rebuilt = "starpunk_rebuild_" + want.name();
		execute(connection, renamed(want, rebuilt));
		List<String> common = want.columnNames().stream().filter(have::hasColumn).toList();
		try {
			if (want.hasColumn("session_token_hash") && !have.hasColumn("session_token_hash")
					&& have.hasColumn("session_token")) {
				copyHashingSessionTokens(connection, have.name(), rebuilt, common);
			}
			else {
				String columns = columnList(common);
				execute(connection, "INSERT INTO " + quoted(rebuilt) + " (" + columns + ") SELECT " + columns + " FROM "
						+ quoted(have.name()));
			}
		}
		catch (SQLException ex) {
			// said without the scratch table's name, and without a cause: this is the
			// reason
			throw new SQLException("the rows of table " + have.name() + " do not fit its current shape ("
					+ ex.getMessage().replace(rebuilt, have.name()) + ")", ex.getSQLState(), ex.getErrorCode());
		}
		execute(connection, "DROP TABLE " + quoted(have.name()));
		execute(connection, "ALTER TABLE " + quoted(rebuilt) + " RENAME TO " + quoted(want.name()));
	}

	private static void copyHashingSessionTokens(Connection connection, String from, String to, List<String> common)
			throws SQLException {
		List<String> target = new ArrayList<>(common);
		target.add("session_token_hash");
		String placeholders = target.stream().map((column) -> "?").collect(Collectors.joining(", "));
		try (Statement select = connection.createStatement();
				ResultSet rows = select
					.executeQuery("SELECT " + columnList(common) + ", session_token FROM " + quoted(from));
				PreparedStatement insert = connection.prepareStatement(
						"INSERT INTO " + quoted(to) + " (" + columnList(target) + ") VALUES (" + placeholders + ")")) {
			while (rows.next()) {
				for (int i = 1; i <= common.size(); i++) {
					insert.setObject(i, rows.getObject(i));
				}
				String token = rows.getString(common.size() + 1);
				insert.setString(common.size() + 1, (token != null) ? Sha256.hex(token) : null);
				insert.executeUpdate();
			}
		}
	}

	/** The table's CREATE statement with another name. */
	private static String renamed(Table table, String name) {
		Pattern head = Pattern.compile(
				"^CREATE TABLE\\s+(IF NOT EXISTS\\s+)?([\"`\\[]?)" + Pattern.quote(table.name()) + "[\"`\\]]?",
				Pattern.CASE_INSENSITIVE);
		Matcher matcher = head.matcher(table.sql());
		if (!matcher.find()) {
			throw new IllegalStateException("Unexpected CREATE statement for table " + table.name());
		}
		return "CREATE TABLE " + quoted(name) + table.sql().substring(matcher.end());
	}

	private static void execute(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.executeUpdate(sql);
		}
	}

	private static String columnList(List<String> columns) {
		return columns.stream().map(V2_1__Converge_adopted_starpunk_schema::quoted).collect(Collectors.joining(", "));
	}

	private static String quoted(String identifier) {
		return "\"" + identifier.replace("\"", "\"\"") + "\"";
	}

	private static String resource(String name) throws IOException {
		try (InputStream in = V2_1__Converge_adopted_starpunk_schema.class.getClassLoader().getResourceAsStream(name)) {
			if (in == null) {
				throw new IOException("Missing migration resource " + name);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
