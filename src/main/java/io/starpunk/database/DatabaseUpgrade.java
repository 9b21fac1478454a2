package io.starpunk.database;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.stereotype.Component;
import org.springframework.util.FileSystemUtils;

import io.starpunk.config.SqlTime;
import io.starpunk.config.StarpunkSettings;

/**
 * Brings {@code DATA_PATH/starpunk.db} to the current schema: refuses files it must not
 * touch, adopts StarPunk's databases, backs up before any change, and applies the pending
 * Flyway migrations in one transaction. It runs before the application's
 * {@code DataSource} exists (see {@link DatabaseConfiguration}).
 */
@Component
class DatabaseUpgrade {

	static final String HISTORY_TABLE = "flyway_schema_history";

	static final Duration LOCK_TIMEOUT = Duration.ofMinutes(5);

	private static final Log log = LogFactory.getLog(DatabaseUpgrade.class);

	private final StarpunkSettings settings;

	private final Clock clock;

	/**
	 * Where the files the database names are read from: DATA_PATH, except in a dry run's
	 * trial, whose scratch copy holds only the database (the migrations only read files).
	 */
	private final Path filesPath;

	@Autowired
	DatabaseUpgrade(StarpunkSettings settings, Clock clock) {
		this(settings, clock, settings.dataPath());
	}

	private DatabaseUpgrade(StarpunkSettings settings, Clock clock, Path filesPath) {
		this.settings = settings;
		this.clock = clock;
		this.filesPath = filesPath;
	}

	/**
	 * Upgrades the database, or throws a {@link StartupFailure} that says why not.
	 * @return what was found and done
	 */
	UpgradePlan upgrade() {
		Path file = this.settings.databaseFile();
		createDataPath();
		DatabaseFiles.checkWritableDirectory(this.settings.dataPath());
		DatabaseFiles.checkUsable(file, true);
		Path backup = null;
		try (UpgradeLock lock = UpgradeLock.acquire(this.settings.dataPath(), LOCK_TIMEOUT);
				Connection connection = SqliteConnections.openForUpgrade(this.settings)) {
			UpgradePlan plan = plan(connection);
			log.info("Database " + file + ": " + plan.state().description() + ", schema version "
					+ ((plan.currentVersion() != null) ? plan.currentVersion() : "none"));
			if (plan.pending().isEmpty()) {
				log.info("Database schema is up to date at version " + plan.targetVersion());
			}
			else {
				if (plan.needsBackup()) {
					backup = Backups.write(connection, this.settings.dataPath(), this.clock.instant(),
							plan.targetVersion());
					log.info("Backed up " + file + " to " + backup + " before migrating to schema version "
							+ plan.targetVersion());
				}
				migrate(connection, plan, backup);
			}
			String journal = SqliteConnections.enableWriteAheadLog(connection);
			if (!journal.equals("wal")) {
				log.warn("SQLite kept journal mode '" + journal + "' for " + file + " (write-ahead log unavailable)");
			}
			return plan;
		}
		catch (SQLException | IOException | RuntimeException ex) {
			throw failure(ex, backup);
		}
	}

	/**
	 * What {@link #upgrade()} would do, found without changing anything.
	 * @return the plan
	 */
	UpgradePlan dryRun() {
		Path file = this.settings.databaseFile();
		DatabaseFiles.checkUsable(file, false);
		try {
			if (!Files.exists(file) || Files.size(file) == 0) {
				return planForNewDatabase(file);
			}
			try (Connection connection = SqliteConnections.openReadOnly(this.settings)) {
				UpgradePlan plan = plan(connection);
				return plan.needsBackup() ? plan.withTrialFailure(trialFailure(connection)) : plan;
			}
		}
		catch (SQLException | IOException | RuntimeException ex) {
			throw failure(ex, null);
		}
	}

	/**
	 * Upgrades a scratch copy of the database (SQLite's own snapshot, written into a
	 * temporary directory and deleted after), so that the dry run can say whether the
	 * real upgrade would succeed.
	 */
	private String trialFailure(Connection connection) throws SQLException, IOException {
		Path scratch = Files.createTempDirectory("starpunk-dry-run-");
		try {
			try (PreparedStatement copy = connection.prepareStatement("VACUUM INTO ?")) {
				copy.setString(1, scratch.resolve("starpunk.db").toString());
				copy.execute();
			}
			new DatabaseUpgrade(this.settings.withDataPath(scratch), this.clock, this.filesPath).upgrade();
			return null;
		}
		catch (StartupFailure failure) {
			return failure.reason();
		}
		finally {
			FileSystemUtils.deleteRecursively(scratch);
		}
	}

	Path nextBackupFile(UpgradePlan plan) {
		return Backups.directory(this.settings.dataPath())
			.resolve(Backups.fileName(this.clock.instant(), plan.targetVersion()));
	}

	private UpgradePlan plan(Connection connection) throws SQLException {
		DatabaseState state = DatabaseState.detect(connection, this.settings.databaseFile().toString());
		MigrationInfoService info = flyway(new SingleConnectionDataSource(connection, true), state).info();
		List<MigrationInfo> future = Arrays.stream(info.all())
			.filter((migration) -> migration.getState() == MigrationState.FUTURE_SUCCESS
					|| migration.getState() == MigrationState.FUTURE_FAILED)
			.toList();
		if (!future.isEmpty()) {
			throw new StartupFailure(this.settings.databaseFile() + " has schema version "
					+ future.get(future.size() - 1).getVersion()
					+ ", newer than this server knows; it was left untouched. Run the newer server, or restore a backup.");
		}
		MigrationVersion baseline = (state.baselineVersion() != null)
				? MigrationVersion.fromVersion(state.baselineVersion()) : MigrationVersion.EMPTY;
		List<MigrationInfo> pending = Arrays.stream(info.pending())
			.filter((migration) -> migration.getVersion().isNewerThan(baseline.getVersion()))
			.toList();
		String current = switch (state.kind()) {
			case NEW -> null;
			case STARPUNK -> state.baselineVersion();
			case MANAGED -> (info.current() != null) ? info.current().getVersion().getVersion() : null;
		};
		String target = pending.isEmpty() ? current : pending.get(pending.size() - 1).getVersion().getVersion();
		return new UpgradePlan(this.settings.databaseFile(), state, current,
				pending.stream().map(DatabaseUpgrade::describe).toList(), target, null);
	}

	private UpgradePlan planForNewDatabase(Path file) {
		DatabaseState state = new DatabaseState(DatabaseState.Kind.NEW, "no database yet; a new one would be created",
				null, List.of());
		try (SingleConnectionDataSource empty = new SingleConnectionDataSource("jdbc:sqlite::memory:", true)) {
			List<MigrationInfo> all = Arrays.asList(flyway(empty, state).info().all());
			return new UpgradePlan(file, state, null, all.stream().map(DatabaseUpgrade::describe).toList(),
					all.get(all.size() - 1).getVersion().getVersion(), null);
		}
	}

	private void migrate(Connection connection, UpgradePlan plan, Path backup) throws SQLException {
		long started = System.nanoTime();
		SingleTransaction transaction = new SingleTransaction(connection);
		try {
			flyway(new SingleConnectionDataSource(transaction.view(), true), plan.state()).migrate();
			transaction.commit();
		}
		catch (RuntimeException | SQLException ex) {
			transaction.rollback();
			throw new StartupFailure(
					"Upgrading " + plan.file() + " to schema version " + plan.targetVersion() + " failed: " + cause(ex)
							+ ". The database was left as it was"
							+ ((backup != null) ? "; the backup taken before the attempt is " + backup : "") + ".",
					cause(ex));
		}
		log.info("Migrated " + plan.file() + " to schema version " + plan.targetVersion() + " (" + plan.pending().size()
				+ " migration(s), " + Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms)");
	}

	/**
	 * Flyway, configured for this database, with the {@link MigrationPlaceholders} that
	 * Java migrations read. Placeholder replacement in SQL migrations is off: they are
	 * applied exactly as written, whatever {@code ${...}} they contain.
	 */
	private Flyway flyway(DataSource dataSource, DatabaseState state) {
		var configuration = Flyway.configure(DatabaseUpgrade.class.getClassLoader())
			.locations("classpath:db/migration")
			.table(HISTORY_TABLE)
			.cleanDisabled(true)
			.group(true)
			.baselineOnMigrate(state.kind() == DatabaseState.Kind.STARPUNK)
			.baselineVersion((state.baselineVersion() != null) ? state.baselineVersion() : "1")
			.baselineDescription(abbreviate("adopted: " + state.description(), 200))
			.placeholderReplacement(false)
			.placeholders(Map.of(MigrationPlaceholders.SITE_URL, this.settings.siteUrl().toString(),
					MigrationPlaceholders.DATA_PATH, this.filesPath.toString(), MigrationPlaceholders.UPGRADE_TIME,
					SqlTime.text(this.clock.instant())));
		return configuration.dataSource(dataSource).load();
	}

	private void createDataPath() {
		Path dataPath = this.settings.dataPath();
		try {
			Files.createDirectories(dataPath);
		}
		catch (IOException ex) {
			throw new StartupFailure("Cannot create DATA_PATH " + dataPath + " (" + ex.getMessage() + ").");
		}
	}

	private StartupFailure failure(Exception ex, Path backup) {
		if (ex instanceof StartupFailure failure) {
			return failure;
		}
		Path file = this.settings.databaseFile();
		SQLiteErrorCode code = sqliteCode(ex);
		String kept = "; it was left untouched.";
		if (code != null) {
			switch (code) {
				case SQLITE_BUSY, SQLITE_BUSY_RECOVERY, SQLITE_BUSY_SNAPSHOT, SQLITE_BUSY_TIMEOUT, SQLITE_LOCKED -> {
					return new StartupFailure(file + " is locked by another process; gave up after waiting "
							+ this.settings.databaseBusyTimeout().toMillis() + " ms" + kept
							+ " Stop the other process (an old StarPunk?) and start again.");
				}
				case SQLITE_NOTADB -> {
					return new StartupFailure(file + " is not an SQLite database" + kept);
				}
				case SQLITE_CORRUPT -> {
					return new StartupFailure(file + " is damaged (" + cause(ex) + ")" + kept);
				}
				case SQLITE_READONLY -> {
					return new StartupFailure(file + " is read-only" + kept);
				}
				default -> {
				}
			}
		}
		return new StartupFailure("Cannot open or upgrade " + file + ": " + cause(ex)
				+ ((backup != null) ? " (a backup is at " + backup + ")" : "") + ".");
	}

	private static SQLiteErrorCode sqliteCode(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLiteException sqlite) {
				return sqlite.getResultCode();
			}
		}
		return null;
	}

	/** The innermost message, on one line. */
	static String cause(Throwable ex) {
		Throwable deepest = ex;
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause.getMessage() != null) {
				deepest = cause;
			}
		}
		String message = (deepest instanceof FileSystemException fileSystem) ? describe(fileSystem)
				: (deepest.getMessage() != null) ? deepest.getMessage() : deepest.getClass().getSimpleName();
		return abbreviate(message.lines().map(String::strip).filter((line) -> !line.isEmpty()).findFirst().orElse(""),
				300);
	}

	/**
	 * A file system failure with its reason: the JDK leaves the reason out of the message
	 * of an {@link AccessDeniedException} and its kin, which then names only the file.
	 */
	private static String describe(FileSystemException ex) {
		if (ex.getReason() != null) {
			return ex.getMessage();
		}
		String reason;
		if (ex instanceof AccessDeniedException) {
			reason = "permission denied for the server's user, " + DatabaseFiles.processUser();
		}
		else if (ex instanceof NoSuchFileException) {
			reason = "no such file or directory";
		}
		else if (ex instanceof NotDirectoryException) {
			reason = "not a directory";
		}
		else if (ex instanceof FileAlreadyExistsException) {
			reason = "already exists";
		}
		else {
			reason = ex.getClass().getSimpleName();
		}
		String file = (ex.getFile() != null) ? ex.getFile() : "a file";
		return file + ((ex.getOtherFile() != null) ? " -> " + ex.getOtherFile() : "") + ": " + reason;
	}

	private static String describe(MigrationInfo migration) {
		return migration.getVersion() + " - " + migration.getDescription();
	}

	private static String abbreviate(String text, int max) {
		return (text.length() <= max) ? text : text.substring(0, max - 3) + "...";
	}

}
