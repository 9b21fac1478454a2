package io.starpunk.database;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

import io.starpunk.config.StarpunkSettings;

/**
 * What a backup needs from the SQLite file, on connections of its own (a backup runs in
 * the server or as a command beside it): a consistent copy written with
 * {@code VACUUM INTO}, a pause of every write while the files that go with the copy are
 * read, and a check of a restored copy.
 */
public final class DatabaseSnapshots {

	private DatabaseSnapshots() {
	}

	/**
	 * Writes a consistent copy of the live database with {@code VACUUM INTO}, SQLite's
	 * own snapshot: a read transaction that writers (WAL) do not wait for.
	 * @param settings where the database is
	 * @param file the copy to write, which must not exist
	 * @return the schema version of the copy, or {@code null} when it has none
	 * @throws SQLException when SQLite cannot read the database or write the copy
	 */
	public static String copyInto(StarpunkSettings settings, Path file) throws SQLException {
		try (Connection connection = SqliteConnections.openReadOnly(settings)) {
			try (PreparedStatement vacuum = connection.prepareStatement("VACUUM INTO ?")) {
				vacuum.setString(1, file.toString());
				vacuum.execute();
			}
		}
		return check(file);
	}

	/**
	 * Runs some work while no process writes to the database: a connection of its own
	 * holds SQLite's write lock ({@code BEGIN IMMEDIATE}, waiting at most
	 * {@code DATABASE_BUSY_TIMEOUT} for a writer to finish) and gives it back, changing
	 * nothing, when the work is done. Every change of a note writes its file inside its
	 * transaction, so files read now match the rows a copy taken now holds.
	 * @param settings where the database is
	 * @param work the work
	 * @throws SQLException when the lock cannot be had, or the work's SQL failed
	 * @throws IOException when the work failed to read or write a file
	 */
	public static void whileWritesWait(StarpunkSettings settings, Work work) throws SQLException, IOException {
		try (Connection connection = SqliteConnections.openForUpgrade(settings)) {
			connection.setAutoCommit(false);
			try (Statement statement = connection.createStatement()) {
				// the lock is SQLite's RESERVED lock; make sure it is held before the
				// work
				statement.execute("SELECT count(*) FROM sqlite_master");
			}
			try {
				work.run();
			}
			finally {
				connection.rollback();
			}
		}
	}

	/**
	 * Checks a copy of the database: SQLite's {@code quick_check}, and its schema
	 * version.
	 * @param file the copy
	 * @return its schema version, or {@code null} when it has none
	 * @throws SQLException when it is not a sound SQLite database
	 */
	public static String check(Path file) throws SQLException {
		SQLiteConfig config = new SQLiteConfig();
		config.setReadOnly(true);
		SQLiteDataSource source = new SQLiteDataSource(config);
		source.setUrl(SqliteConnections.url(file));
		try (Connection connection = source.getConnection(); Statement statement = connection.createStatement()) {
			try (ResultSet result = statement.executeQuery("PRAGMA quick_check")) {
				String verdict = result.next() ? result.getString(1) : "no answer";
				if (!"ok".equals(verdict)) {
					throw new SQLException("the database copy is damaged (" + verdict + ")");
				}
			}
			try (ResultSet table = statement
				.executeQuery("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '"
						+ DatabaseUpgrade.HISTORY_TABLE + "'")) {
				if (!table.next() || table.getInt(1) == 0) {
					return null;
				}
			}
			try (ResultSet version = statement.executeQuery("SELECT version FROM " + DatabaseUpgrade.HISTORY_TABLE
					+ " WHERE success = 1 AND version IS NOT NULL ORDER BY installed_rank DESC LIMIT 1")) {
				return version.next() ? version.getString(1) : null;
			}
		}
	}

	/** Work done while writes wait. */
	@FunctionalInterface
	public interface Work {

		void run() throws IOException, SQLException;

	}

}
