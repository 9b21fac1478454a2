package io.starpunk.backup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.starpunk.config.Jobs;
import io.starpunk.config.StarpunkSettings;

/**
 * The server's own backups: with {@code BACKUP_INTERVAL} set, one every interval (the
 * first one interval after the start) on a single background thread, never two at once,
 * into {@code DATA_PATH/backups}; the newest {@code BACKUP_KEEP} scheduled archives are
 * kept and older ones deleted (archives taken by {@code --backup} are never deleted). A
 * failure is logged on one line and the next interval tries again. While the database and
 * the notes are copied, the server's writes wait their turn behind the backup's
 * transaction.
 */
@Component
public class ScheduledBackups implements SmartLifecycle {

	private static final Log log = LogFactory.getLog(ScheduledBackups.class);

	private final StarpunkSettings settings;

	private final BackupWriter writer;

	private final TransactionTemplate transactions;

	private final MeterRegistry meters;

	private volatile ScheduledExecutorService scheduler;

	ScheduledBackups(StarpunkSettings settings, BackupWriter writer, TransactionTemplate transactions,
			MeterRegistry meters) {
		this.settings = settings;
		this.writer = writer;
		this.transactions = transactions;
		this.meters = meters;
	}

	/**
	 * Takes a scheduled backup now and deletes the scheduled archives beyond
	 * {@code BACKUP_KEEP}. A second call waits for the first to finish.
	 * @return the archive, or empty when the backup failed (logged on one line)
	 */
	public synchronized Optional<Path> runOnce() {
		Path directory = this.writer.defaultDirectory();
		try {
			BackupWriter.Written written = this.writer.write(directory, true, this::whileWritesWait);
			log.info("Backed up to " + written.archive() + " (" + written.entries() + " files, " + written.size()
					+ " bytes, schema version " + written.schemaVersion() + ")");
			prune(directory, this.settings.backup().keep());
			return Optional.of(written.archive());
		}
		catch (BackupException ex) {
			log.warn("Scheduled backup failed: " + ex.getMessage() + retry());
			return Optional.empty();
		}
		catch (RuntimeException ex) {
			log.warn("Scheduled backup failed: " + BackupWriter.reason(ex) + retry());
			return Optional.empty();
		}
	}

	/** A scheduled run, timed as the {@code backup} job. */
	void timedRun() {
		Jobs.runReporting(this.meters, "backup", () -> runOnce().isPresent());
	}

	private String retry() {
		Duration interval = this.settings.backup().interval();
		return (interval != null)
				? " The next one is due in " + interval.toString().substring(2).toLowerCase(Locale.ROOT) + "." : "";
	}

	/**
	 * Holds the server's writes back: a transaction of its own, which takes its turn with
	 * theirs and holds SQLite's write lock while the work runs, then changes nothing.
	 */
	private void whileWritesWait(WritePause.Work work) throws IOException, SQLException {
		try {
			this.transactions.executeWithoutResult((status) -> {
				status.setRollbackOnly();
				try {
					work.run();
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
				catch (SQLException ex) {
					throw new WrappedSqlException(ex);
				}
			});
		}
		catch (UncheckedIOException ex) {
			throw ex.getCause();
		}
		catch (WrappedSqlException ex) {
			throw ex.sql;
		}
	}

	/** Deletes all but the newest {@code keep} scheduled archives. */
	static void prune(Path directory, int keep) {
		List<Path> archives;
		try (Stream<Path> files = Files.list(directory)) {
			archives = files.filter(Archives::isScheduled).sorted(Archives.OLDEST_FIRST.reversed()).toList();
		}
		catch (IOException ex) {
			log.warn("Could not list " + directory + " to delete old backups: " + BackupWriter.reason(ex));
			return;
		}
		for (Path old : archives.stream().skip(keep).toList()) {
			try {
				Files.deleteIfExists(old);
				log.info("Deleted the old backup " + old);
			}
			catch (IOException ex) {
				log.warn("Could not delete the old backup " + old + ": " + BackupWriter.reason(ex));
			}
		}
	}

	@Override
	public void start() {
		Duration interval = this.settings.backup().interval();
		if (interval == null) {
			return;
		}
		ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread backups = new Thread(task, "starpunk-backups");
			backups.setDaemon(true);
			return backups;
		});
		long millis = interval.toMillis();
		thread.scheduleWithFixedDelay(this::timedRun, millis, millis, TimeUnit.MILLISECONDS);
		this.scheduler = thread;
		log.info("Backups every " + interval.toString().substring(2).toLowerCase(Locale.ROOT) + " into "
				+ this.writer.defaultDirectory() + ", the newest " + this.settings.backup().keep() + " kept");
	}

	@Override
	public void stop() {
		ScheduledExecutorService thread = this.scheduler;
		this.scheduler = null;
		if (thread != null) {
			thread.shutdownNow();
			try {
				thread.awaitTermination(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.scheduler != null;
	}

	/** An SQL failure carried out of a transaction callback. */
	private static final class WrappedSqlException extends RuntimeException {

		private final transient SQLException sql;

		WrappedSqlException(SQLException sql) {
			super(sql);
			this.sql = sql;
		}

	}

}
