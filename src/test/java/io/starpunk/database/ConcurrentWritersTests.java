package io.starpunk.database;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.dao.CannotAcquireLockException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.support.TransactionTemplate;

import io.starpunk.support.RunningServer;
import io.starpunk.support.Sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The pool's SQLite tuning under contention: transactions that read, then write, from
 * more threads than the pool has connections. In SQLite's default (deferred) mode two
 * such transactions deadlock on the read-to-write upgrade and one fails at once with
 * SQLITE_BUSY; with {@code BEGIN IMMEDIATE} each waits its turn and none fails.
 */
class ConcurrentWritersTests {

	private static final int THREADS = 8;

	private static final int TRANSACTIONS_PER_THREAD = 25;

	@Test
	void concurrentReadThenWriteTransactionsAllCommit(@TempDir Path temp) throws Exception {
		try (RunningServer server = RunningServer.start(temp.resolve("data"))) {
			JdbcClient jdbc = server.context().getBean(JdbcClient.class);
			TransactionTemplate transactions = server.context().getBean(TransactionTemplate.class);
			ExecutorService pool = Executors.newFixedThreadPool(THREADS);
			try {
				List<Callable<Integer>> writers = new ArrayList<>();
				for (int thread = 0; thread < THREADS; thread++) {
					int writer = thread;
					writers.add(() -> {
						int committed = 0;
						for (int i = 0; i < TRANSACTIONS_PER_THREAD; i++) {
							String slug = "w" + writer + "-" + i;
							transactions.executeWithoutResult((status) -> {
								int before = jdbc.sql("SELECT count(*) FROM notes").query(Integer.class).single();
								jdbc.sql("INSERT INTO notes (slug, file_path, published) VALUES (?, ?, 1)")
									.params(slug + "-after-" + before, "notes/" + slug + ".md")
									.update();
							});
							committed++;
						}
						return committed;
					});
				}
				int committed = 0;
				for (Future<Integer> result : pool.invokeAll(writers, 2, TimeUnit.MINUTES)) {
					committed += result.get();
				}
				assertThat(committed).isEqualTo(THREADS * TRANSACTIONS_PER_THREAD);
				assertThat(jdbc.sql("SELECT count(*) FROM notes").query(Integer.class).single())
					.isEqualTo(THREADS * TRANSACTIONS_PER_THREAD);
			}
			finally {
				pool.shutdownNow();
			}
		}
	}

	/**
	 * Another process holds the write lock past the busy timeout, so transactions cannot
	 * begin. Afterwards every transaction must be a real one again: the SQLite driver
	 * leaves a connection whose BEGIN failed believing it is in a transaction, and a
	 * later borrower's statements would then each commit on their own, even when its
	 * transaction rolls back.
	 */
	@Test
	void aBusyDatabaseLeavesNoConnectionOutsideItsTransactions(@TempDir Path temp) throws Exception {
		try (RunningServer server = RunningServer.start(temp.resolve("data"), List.of(),
				"DATABASE_BUSY_TIMEOUT=100ms")) {
			JdbcClient jdbc = server.context().getBean(JdbcClient.class);
			TransactionTemplate transactions = server.context().getBean(TransactionTemplate.class);
			int refused = 0;
			try (Connection other = Sqlite.open(temp.resolve("data/starpunk.db"));
					Statement lock = other.createStatement()) {
				lock.execute("BEGIN IMMEDIATE");
				for (int i = 0; i < 2 * SqliteConnections.POOL_SIZE; i++) {
					try {
						transactions
							.executeWithoutResult((status) -> jdbc.sql("SELECT 1").query(Integer.class).single());
					}
					catch (CannotCreateTransactionException ex) {
						refused++;
					}
				}
				assertThatExceptionOfType(CannotAcquireLockException.class)
					.as("SQLITE_BUSY is translated as a lock not had in time (sql-error-codes.xml)")
					.isThrownBy(() -> jdbc.sql("UPDATE notes SET published = 1").update());
				lock.execute("ROLLBACK");
			}
			assertThat(refused).as("the lock was held").isEqualTo(2 * SqliteConnections.POOL_SIZE);
			for (int i = 0; i < 4 * SqliteConnections.POOL_SIZE; i++) {
				int attempt = i;
				assertThatIllegalStateException().isThrownBy(() -> transactions.executeWithoutResult((status) -> {
					jdbc.sql("INSERT INTO notes (slug, file_path, published) VALUES (?, ?, 1)")
						.params("rolled-back-" + attempt, "notes/rolled-back-" + attempt + ".md")
						.update();
					throw new IllegalStateException("roll back");
				}));
			}
			assertThat(jdbc.sql("SELECT count(*) FROM notes").query(Integer.class).single())
				.as("every insert was rolled back with its transaction")
				.isZero();
		}
	}

	@Test
	void theDatabaseRunsInWriteAheadLogModeWithForeignKeys(@TempDir Path temp) {
		try (RunningServer server = RunningServer.start(temp.resolve("data"))) {
			JdbcClient jdbc = server.context().getBean(JdbcClient.class);
			assertThat(jdbc.sql("PRAGMA journal_mode").query(String.class).single()).isEqualToIgnoringCase("wal");
			assertThat(jdbc.sql("PRAGMA foreign_keys").query(Integer.class).single()).isEqualTo(1);
			assertThat(jdbc.sql("PRAGMA synchronous").query(Integer.class).single()).as("FULL: every commit synced")
				.isEqualTo(2);
			assertThat(jdbc.sql("PRAGMA busy_timeout").query(Integer.class).single()).isEqualTo(5000);
		}
	}

}
