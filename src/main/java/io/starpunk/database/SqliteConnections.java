package io.starpunk.database;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.SQLExceptionOverride;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

import io.starpunk.config.StarpunkSettings;

/**
 * The three ways this server opens its SQLite file: the upgrade's own connection, a
 * read-only look for the dry run, and the application's pool.
 */
final class SqliteConnections {

	/**
	 * Connections in the pool. SQLite has one writer at a time; with
	 * {@code BEGIN IMMEDIATE} a transaction waits for the write lock up front instead of
	 * failing with SQLITE_BUSY when it upgrades a read lock halfway.
	 */
	static final int POOL_SIZE = 4;

	private SqliteConnections() {
	}

	static String url(Path databaseFile) {
		return "jdbc:sqlite:" + databaseFile;
	}

	/**
	 * The upgrade's connection: rollback journal (the switch to WAL waits until the
	 * upgrade has committed, so a failed upgrade leaves the file as it was), secure
	 * delete (dropped plaintext tokens are overwritten, not left in free pages), and
	 * {@code BEGIN IMMEDIATE} transactions.
	 */
	static Connection openForUpgrade(StarpunkSettings settings) throws SQLException {
		SQLiteConfig config = common(settings);
		config.setPragma(SQLiteConfig.Pragma.SECURE_DELETE, "true");
		return withUrl(config, settings).getConnection();
	}

	static Connection openReadOnly(StarpunkSettings settings) throws SQLException {
		SQLiteConfig config = new SQLiteConfig();
		config.setBusyTimeout(busyTimeoutMillis(settings));
		config.setReadOnly(true);
		return withUrl(config, settings).getConnection();
	}

	/**
	 * The application's pool, tuned for one writer: WAL (readers never wait for the
	 * writer), a busy timeout, foreign keys, and immediate write transactions. Commits
	 * are durable ({@code synchronous=FULL}: the WAL is synced at every commit), because
	 * a client that was told 201 Created must find its note after a power cut, and the
	 * note's file is synced too.
	 */
	static HikariDataSource pool(StarpunkSettings settings) {
		SQLiteConfig config = common(settings);
		config.setJournalMode(SQLiteConfig.JournalMode.WAL);
		config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
		HikariConfig pool = new HikariConfig();
		pool.setPoolName("starpunk-sqlite");
		pool.setDataSource(withUrl(config, settings));
		pool.setMaximumPoolSize(POOL_SIZE);
		pool.setMinimumIdle(1);
		pool.setConnectionTimeout(Math.max(settings.databaseBusyTimeout().toMillis(), 250) + 5_000);
		pool.setExceptionOverride(new EvictAfterFailedTransaction());
		return new HikariDataSource(pool);
	}

	/**
	 * Switches the file to write-ahead logging. It is done once, by the upgrade, under
	 * the upgrade lock; on a file already in WAL mode it changes nothing.
	 */
	static String enableWriteAheadLog(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				var result = statement.executeQuery("PRAGMA journal_mode=WAL")) {
			return result.next() ? result.getString(1).toLowerCase(Locale.ROOT) : "";
		}
	}

	private static SQLiteConfig common(StarpunkSettings settings) {
		SQLiteConfig config = new SQLiteConfig();
		config.setBusyTimeout(busyTimeoutMillis(settings));
		config.enforceForeignKeys(true);
		config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
		return config;
	}

	private static int busyTimeoutMillis(StarpunkSettings settings) {
		return (int) settings.databaseBusyTimeout().toMillis();
	}

	private static SQLiteDataSource withUrl(SQLiteConfig config, StarpunkSettings settings) {
		SQLiteDataSource dataSource = new SQLiteDataSource(config);
		dataSource.setUrl(url(settings.databaseFile()));
		return dataSource;
	}

	/**
	 * A connection whose transaction could not begin or end is closed rather than used
	 * again. The SQLite driver marks a connection as inside a transaction before it runs
	 * {@code BEGIN}; when that {@code BEGIN} fails (the database is busy), the connection
	 * believes it is in a transaction it is not in, and the next borrower's statements
	 * would each commit on their own.
	 */
	static final class EvictAfterFailedTransaction implements SQLExceptionOverride {

		@java.lang.Override
		public SQLExceptionOverride.Override adjudicate(SQLException ex) {
			String message = String.valueOf(ex.getMessage());
			int primary = (ex instanceof SQLiteException sqlite) ? (sqlite.getResultCode().code & 0xFF) : -1;
			boolean busy = primary == SQLiteErrorCode.SQLITE_BUSY.code || primary == SQLiteErrorCode.SQLITE_LOCKED.code;
			boolean lostTransaction = message.contains("no transaction is active")
					|| message.contains("cannot start a transaction within a transaction");
			return (busy || lostTransaction) ? SQLExceptionOverride.Override.MUST_EVICT
					: SQLExceptionOverride.Override.CONTINUE_EVICT;
		}

	}

}
