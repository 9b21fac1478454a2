package io.starpunk.database;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import io.starpunk.support.RunningServer;

import static org.assertj.core.api.Assertions.assertThat;

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
