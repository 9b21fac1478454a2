package io.starpunk.jobs;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.starpunk.config.SqlTime;
import io.starpunk.support.Sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * The queue across processes, each server a JVM of its own on one data directory: a
 * server killed with {@code kill -9} while jobs run loses none of them (after a restart
 * every job is done), runs none that completed again, and runs again at most the ones it
 * was cut off in; two servers on one database never run the same job.
 */
class KilledQueueTests {

	private static final int JOBS = 40;

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	@TempDir
	Path tempDir;

	private final List<Process> processes = new ArrayList<>();

	@AfterEach
	void stopAll() {
		this.processes.forEach(Process::destroyForcibly);
	}

	@Test
	void aServerKilledWhileJobsRunLosesNoneAndRepeatsNoneThatCompleted() throws Exception {
		Path data = Files.createDirectories(this.tempDir.resolve("data"));
		Path log = this.tempDir.resolve("runs.log");
		Process first = start(data, log);
		addJobs(data, JOBS);
		await().atMost(Duration.ofSeconds(60)).until(() -> lines(log, "end").size() >= 10);
		first.destroyForcibly();
		assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
		Map<String, Set<Long>> atKill = byState(data);
		Set<Long> completed = atKill.getOrDefault(Job.DONE, Set.of());
		Set<Long> cutOff = atKill.getOrDefault(Job.RUNNING, Set.of());
		assertThat(completed).as("jobs done before the kill").hasSizeGreaterThanOrEqualTo(10);
		assertThat(cutOff).as("jobs running at the kill (two worker threads)").hasSizeLessThanOrEqualTo(2);
		List<String> beforeRestart = Files.readAllLines(log);

		start(data, log);
		await().atMost(Duration.ofSeconds(90))
			.until(() -> byState(data).getOrDefault(Job.DONE, Set.of()).size() == JOBS);

		Map<String, Set<Long>> after = byState(data);
		assertThat(after.keySet()).containsExactly(Job.DONE);
		List<String> afterRestart = Files.readAllLines(log)
			.subList(beforeRestart.size(), Files.readAllLines(log).size());
		Set<Long> rerun = new HashSet<>();
		for (String line : afterRestart) {
			if (line.startsWith("start ")) {
				rerun.add(Long.parseLong(line.split(" ")[1]));
			}
		}
		assertThat(rerun).as("no job that completed before the kill ran again").doesNotContainAnyElementsOf(completed);
		Map<Long, Integer> ends = new HashMap<>();
		for (String line : lines(log, "end")) {
			ends.merge(Long.parseLong(line.split(" ")[1]), 1, Integer::sum);
		}
		assertThat(ends.keySet()).as("every job ran to its end").hasSize(JOBS);
		ends.forEach((id, count) -> {
			if (count > 1) {
				assertThat(cutOff).as("job %d ran twice, so it was one cut off by the kill", id).contains(id);
			}
		});
	}

	@Test
	void twoServersOnOneDatabaseNeverRunTheSameJob() throws Exception {
		Path data = Files.createDirectories(this.tempDir.resolve("data"));
		Path log = this.tempDir.resolve("runs.log");
		start(data, log);
		start(data, log);
		addJobs(data, JOBS);
		await().atMost(Duration.ofSeconds(90))
			.until(() -> byState(data).getOrDefault(Job.DONE, Set.of()).size() == JOBS);
		Map<Long, Integer> starts = new HashMap<>();
		Map<String, Integer> byProcess = new HashMap<>();
		for (String line : lines(log, "start")) {
			String[] parts = line.split(" ");
			starts.merge(Long.parseLong(parts[1]), 1, Integer::sum);
			byProcess.merge(parts[2], 1, Integer::sum);
		}
		assertThat(starts).hasSize(JOBS);
		assertThat(starts.values()).as("each job started once").containsOnly(1);
		assertThat(byProcess).as("both servers ran jobs").hasSize(2);
	}

	/** Jobs added as another process would: rows committed to the file. */
	private static void addJobs(Path data, int count) throws SQLException {
		String now = SqlTime.text(Instant.now());
		try (Connection connection = Sqlite.open(data.resolve("starpunk.db"))) {
			try (Statement statement = connection.createStatement()) {
				statement.execute("PRAGMA busy_timeout = 10000");
			}
			connection.setAutoCommit(false);
			try (PreparedStatement insert = connection.prepareStatement("""
					INSERT INTO jobs (kind, payload, state, attempts, run_after, created_at)
					VALUES ('test-slow', ?, 'pending', 0, ?, ?)
					""")) {
				for (int i = 1; i <= count; i++) {
					insert.setString(1, "{\"n\":" + i + "}");
					insert.setString(2, now);
					insert.setString(3, now);
					insert.addBatch();
				}
				insert.executeBatch();
			}
			connection.commit();
		}
	}

	private static Map<String, Set<Long>> byState(Path data) throws SQLException {
		Map<String, Set<Long>> states = new HashMap<>();
		try (Connection connection = Sqlite.open(data.resolve("starpunk.db"));
				Statement statement = connection.createStatement()) {
			statement.execute("PRAGMA busy_timeout = 10000");
			try (ResultSet rows = statement.executeQuery("SELECT id, state FROM jobs WHERE kind = 'test-slow'")) {
				while (rows.next()) {
					states.computeIfAbsent(rows.getString("state"), (key) -> new HashSet<>()).add(rows.getLong("id"));
				}
			}
		}
		return states;
	}

	private static List<String> lines(Path log, String prefix) throws IOException {
		if (!Files.exists(log)) {
			return List.of();
		}
		return Files.readAllLines(log, StandardCharsets.UTF_8)
			.stream()
			.filter((line) -> line.startsWith(prefix + " "))
			.toList();
	}

	/** Starts a server in a JVM of its own and waits until it is healthy. */
	private Process start(Path data, Path log) throws Exception {
		int port;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			port = socket.getLocalPort();
		}
		Path output = this.tempDir.resolve("process-" + this.processes.size() + ".log");
		ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx160m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
				SlowJobsServer.class.getName(), "--server.address=127.0.0.1", "--starpunk.jobs.lease=3s")
			.redirectErrorStream(true)
			.redirectOutput(output.toFile())
			.directory(this.tempDir.toFile());
		builder.environment().put("DATA_PATH", data.toString());
		builder.environment().put("PORT", Integer.toString(port));
		builder.environment().put("ADMIN_PASSWORD", "killed-queue-password");
		builder.environment().put("SLOW_JOBS_LOG", log.toString());
		Process process = builder.start();
		this.processes.add(process);
		HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
			.timeout(Duration.ofSeconds(5))
			.build();
		long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				fail("The server exited before it was healthy:%n%s", Files.readString(output));
			}
			try {
				if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					return process;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(200);
		}
		return fail("No healthy /health within 120 s:%n%s", Files.readString(output));
	}

}
