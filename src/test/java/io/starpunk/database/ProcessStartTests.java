package io.starpunk.database;

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
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.jayway.jsonpath.JsonPath;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.sqlite.SQLiteConfig;

import io.starpunk.support.LegacyFixtures;
import io.starpunk.support.Sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.fail;

/**
 * Starts the server as real, separate JVM processes on data directories, as an operator
 * would: several at once on one directory, and on directories it must refuse.
 */
class ProcessStartTests {

	private static final Duration HEALTH_WAIT = Duration.ofSeconds(90);

	private static final Duration EXIT_WAIT = Duration.ofSeconds(60);

	private static final String NOTES = "SELECT id, slug, file_path, published, created_at, deleted_at, content_hash"
			+ " FROM notes ORDER BY id";

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	@TempDir
	Path tempDir;

	private final List<Process> processes = new ArrayList<>();

	private final Set<Integer> ports = new HashSet<>();

	@AfterEach
	void stopProcesses() throws InterruptedException {
		this.processes.forEach(Process::destroy);
		for (Process process : this.processes) {
			if (!process.waitFor(15, TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor(15, TimeUnit.SECONDS);
			}
		}
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "v0.9.5", "v1.5.0" })
	void threeServersStartedTogetherOnOneLegacyDirectoryUpgradeItOnceAndAllServe(String fixture) throws Exception {
		Path dataPath = LegacyFixtures.copy(fixture, this.tempDir.resolve("data"));
		List<Map<String, String>> notes = Sqlite.rows(pristine(fixture), NOTES);
		List<Server> servers = startThreeAndAwaitHealth(dataPath);
		Path db = dataPath.resolve("starpunk.db");
		assertThat(historyVersions(db)).containsExactly("1", "002", "2.1", "003", "004", "005", "006", "6.1", "007",
				"7.1", "008", LegacyFixtures.SCHEMA_VERSION);
		assertThat(backups(dataPath)).hasSize(1);
		assertThat(Sqlite.rows(db, NOTES)).isEqualTo(notes);
		assertThat(servers).filteredOn((server) -> server.output().contains("Migrated " + db)).hasSize(1);
		if (fixture.equals("v1.5.0")) {
			// adopted once: each file one media row, each photo once on its note
			assertThat(Sqlite.rows(db, "SELECT count(*) AS n FROM media")).containsExactly(Map.of("n", "15"));
			assertThat(Sqlite.rows(db,
					"SELECT json_array_length(properties, '$.photo') AS n FROM note_properties"
							+ " JOIN notes ON notes.id = note_id WHERE slug = 'photo-walk'"))
				.containsExactly(Map.of("n", "2"));
			for (Server server : servers) {
				HttpResponse<String> page = http
					.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/notes/photo-walk"))
						.timeout(Duration.ofSeconds(5))
						.build(), HttpResponse.BodyHandlers.ofString());
				assertThat(page.statusCode()).isEqualTo(200);
				assertThat(Jsoup.parse(page.body()).select(".h-entry img.u-photo").eachAttr("alt"))
					.containsExactly("Stone bridge at dawn", "Market stalls, looking north");
			}
		}
	}

	@Test
	void threeServersStartedTogetherOnAnEmptyDirectoryCreateTheSchemaOnceAndAllServe() throws Exception {
		Path dataPath = Files.createDirectories(this.tempDir.resolve("data").resolve("fresh"));
		List<Server> servers = startThreeAndAwaitHealth(dataPath);
		Path db = dataPath.resolve("starpunk.db");
		assertThat(historyVersions(db)).containsExactly("001", "002", "2.1", "003", "004", "005", "006", "6.1", "007",
				"7.1", "008", LegacyFixtures.SCHEMA_VERSION);
		assertThat(dataPath.resolve("backups")).doesNotExist();
		assertThat(Sqlite.rows(db, "SELECT count(*) AS n FROM notes")).containsExactly(Map.of("n", "0"));
		assertThat(servers).filteredOn((server) -> server.output().contains("Migrated " + db)).hasSize(1);
	}

	/**
	 * The server reports a refusal as the one line of Spring Boot's failure report
	 * ("Description:"); the migrate commands as "starpunk: " on standard error.
	 */
	@ParameterizedTest(name = "{0} {1}")
	@CsvSource(delimiter = '|',
			textBlock = """
					not-a-database | server         | false | ' is not an SQLite database; it was left untouched.' | false
					v0.9.5         | server         | true  | ' is read-only; ' | false
					future-v1.1    | server         | false | ' records StarPunk migration(s) [005_add_media_table.sql] that this server does not know' | true
					future-v1.1    | --migrate-only | false | ' records StarPunk migration(s) [005_add_media_table.sql] that this server does not know' | true
					not-starpunk   | server         | false | ' is an SQLite database but not StarPunk''s' | true
					""")
	void aDatabaseTheServerMustNotTouchIsRefusedAndLeftAsItWas(String fixture, String command, boolean readOnly,
			String message, boolean takesUpgradeLock) throws Exception {
		Path dataPath = LegacyFixtures.copy(fixture, this.tempDir.resolve("data"));
		Path db = dataPath.resolve("starpunk.db");
		if (readOnly) {
			Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("r--r--r--"));
		}
		byte[] bytes = Files.readAllBytes(db);
		List<String> listing = listing(dataPath);
		boolean server = command.equals("server");
		Server process = server ? start(dataPath, Map.of()) : start(dataPath, Map.of(), command);
		assertThat(awaitExit(process, Duration.ofSeconds(30))).isNotZero();
		String line = (server ? "" : "starpunk: ") + db + message;
		assertThat(process.output()).containsPattern("(?m)^" + Pattern.quote(line))
			.doesNotContain("\tat ")
			.doesNotContain("Exception")
			.as("refused before the web server is made")
			.doesNotContain("Tomcat");
		assertThat(Files.readAllBytes(db)).isEqualTo(bytes);
		List<String> expected = new ArrayList<>(listing);
		if (takesUpgradeLock) {
			// refused after reading the database, which happens under the upgrade lock
			expected.add(UpgradeLock.FILE_NAME);
		}
		assertThat(listing(dataPath)).containsExactlyInAnyOrderElementsOf(expected);
	}

	@Test
	void aDataDirectoryTheServerCannotWriteToIsRefusedBeforeTheWebServerWithTheFix() throws Exception {
		Path dataPath = LegacyFixtures.copy("v0.9.5", this.tempDir.resolve("data"));
		Path db = dataPath.resolve("starpunk.db");
		byte[] bytes = Files.readAllBytes(db);
		List<String> listing = listing(dataPath);
		// the owner's write bit: this test may run as root, who could write regardless
		Files.setPosixFilePermissions(dataPath, PosixFilePermissions.fromString("r-xr-xr-x"));
		try {
			Server server = start(dataPath, Map.of());
			assertThat(awaitExit(server, EXIT_WAIT)).isNotZero();
			String uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid").toString();
			assertThat(server.output())
				.containsPattern("(?m)^" + Pattern.quote("DATA_PATH " + dataPath
						+ " is not writable by the server's user, uid " + uid + " (or is on a read-only volume);"))
				.contains("chown -R " + uid + ":" + uid)
				.contains("--user")
				.doesNotContain("\tat ")
				.doesNotContain("Exception")
				.doesNotContain("Tomcat");
		}
		finally {
			Files.setPosixFilePermissions(dataPath, PosixFilePermissions.fromString("rwxr-xr-x"));
		}
		assertThat(Files.readAllBytes(db)).isEqualTo(bytes);
		assertThat(listing(dataPath)).as("not even the lock file").isEqualTo(listing);
	}

	@Test
	void aDatabaseLockedByAnotherProcessIsGivenUpOnAfterTheBusyTimeoutAndLeftAsItWas() throws Exception {
		Path dataPath = LegacyFixtures.copy("v0.9.5", this.tempDir.resolve("data"));
		Path db = dataPath.resolve("starpunk.db");
		byte[] bytes = Files.readAllBytes(db);
		SQLiteConfig exclusive = new SQLiteConfig();
		exclusive.setTransactionMode(SQLiteConfig.TransactionMode.EXCLUSIVE);
		try (Connection holder = exclusive.createConnection("jdbc:sqlite:" + db)) {
			holder.setAutoCommit(false);
			try (Statement statement = holder.createStatement()) {
				statement.executeUpdate("UPDATE notes SET slug = slug");
			}
			SQLiteConfig impatient = new SQLiteConfig();
			impatient.setBusyTimeout(100);
			try (Connection reader = impatient.createConnection("jdbc:sqlite:" + db);
					Statement statement = reader.createStatement()) {
				assertThatExceptionOfType(SQLException.class).as("another connection cannot even read")
					.isThrownBy(() -> statement.executeQuery("SELECT count(*) FROM notes").next());
			}
			Server server = start(dataPath, Map.of("DATABASE_BUSY_TIMEOUT", "1s"));
			assertThat(awaitExit(server, EXIT_WAIT)).isNotZero();
			assertThat(server.output())
				.contains(db + " is locked by another process; gave up after waiting 1000 ms; it was left untouched.")
				.doesNotContain("\tat ")
				.doesNotContain("Exception");
			holder.rollback();
		}
		assertThat(Files.readAllBytes(db)).isEqualTo(bytes);
		assertThat(dataPath.resolve("backups")).doesNotExist();
	}

	@Test
	void aMigrationThatFailsLeavesTheDatabaseAsItWasAndNamesTheCauseAndTheBackup() throws Exception {
		Path dataPath = LegacyFixtures.copy("duplicate-slugs", this.tempDir.resolve("data"));
		Path db = dataPath.resolve("starpunk.db");
		byte[] bytes = Files.readAllBytes(db);
		Server server = start(dataPath, Map.of());
		assertThat(awaitExit(server, EXIT_WAIT)).isNotZero();
		String output = server.output();
		assertThat(output)
			.contains("Upgrading " + db + " to schema version " + LegacyFixtures.SCHEMA_VERSION + " failed: ")
			.contains("UNIQUE")
			.contains("The database was left as it was")
			.doesNotContain("\tat ")
			.doesNotContain("Exception");
		assertThat(Files.readAllBytes(db)).isEqualTo(bytes);
		Matcher backup = Pattern.compile("the backup taken before the attempt is (\\S+\\.db)").matcher(output);
		assertThat(backup.find()).as("a backup path in:%n%s", output).isTrue();
		Path backupFile = Path.of(backup.group(1));
		assertThat(backups(dataPath)).containsExactly(backupFile);
		assertThat(Sqlite.rows(backupFile, NOTES)).isEqualTo(Sqlite.rows(db, NOTES));
		assertThat(Sqlite.rows(db, "SELECT name FROM sqlite_master WHERE name = 'flyway_schema_history'")).isEmpty();
	}

	@Test
	void aDryRunReportsWhatItWouldDoAndChangesNothing() throws Exception {
		Path dataPath = LegacyFixtures.copy("v0.9.5", this.tempDir.resolve("data"));
		Path db = dataPath.resolve("starpunk.db");
		byte[] bytes = Files.readAllBytes(db);
		List<String> listing = listing(dataPath);
		Server command = start(dataPath, Map.of(), MigrationCommand.DRY_RUN);
		assertThat(awaitExit(command, EXIT_WAIT)).isZero();
		assertThat(command.output()).contains("Detected: StarPunk 0.9")
			.contains("would write " + dataPath.resolve("backups").resolve("starpunk-"))
			.containsPattern("(?m)^\\s+0*2 - ")
			.containsPattern("(?m)^\\s+2\\.1 - ")
			.contains("nothing was changed")
			.doesNotContain("Exception");
		assertThat(Files.readAllBytes(db)).isEqualTo(bytes);
		assertThat(listing(dataPath)).isEqualTo(listing);
	}

	@Test
	void migrateOnlyUpgradesWithoutTheWebServerAndExits() throws Exception {
		Path dataPath = LegacyFixtures.copy("v0.9.5", this.tempDir.resolve("data"));
		Path db = dataPath.resolve("starpunk.db");
		Server command = start(dataPath, Map.of(), MigrationCommand.MIGRATE_ONLY);
		assertThat(awaitExit(command, EXIT_WAIT)).isZero();
		assertThat(command.output())
			.contains("Database " + db + " is at schema version " + LegacyFixtures.SCHEMA_VERSION)
			.doesNotContain("Tomcat")
			.doesNotContain("Exception");
		assertThat(historyVersions(db)).containsExactly("1", "002", "2.1", "003", "004", "005", "006", "6.1", "007",
				"7.1", "008", LegacyFixtures.SCHEMA_VERSION);
		assertThat(backups(dataPath)).hasSize(1);
	}

	private List<Server> startThreeAndAwaitHealth(Path dataPath) throws Exception {
		List<Server> servers = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			servers.add(start(dataPath, Map.of()));
		}
		for (Server server : servers) {
			String health = awaitHealth(server);
			assertThat((String) JsonPath.read(health, "$.status")).isEqualTo("ok");
			assertThat((String) JsonPath.read(health, "$.schemaVersion")).isEqualTo(LegacyFixtures.SCHEMA_VERSION);
		}
		for (Server server : servers) {
			assertThat(server.output()).doesNotContain("Exception").doesNotContain("\tat ");
		}
		return servers;
	}

	/**
	 * Starts the application in a JVM of its own, on a free loopback port, its output
	 * (stdout and stderr) going to a file outside the data directory.
	 */
	private Server start(Path dataPath, Map<String, String> environment, String... args) throws IOException {
		int port = freePort();
		while (!this.ports.add(port)) {
			port = freePort();
		}
		Path log = Files.createDirectories(this.tempDir.resolve("logs"))
			.resolve("process-" + this.processes.size() + ".log");
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
						"-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
						"io.starpunk.StarpunkApplication", "--server.address=127.0.0.1"));
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.directory(this.tempDir.toFile());
		builder.environment().put("DATA_PATH", dataPath.toString());
		builder.environment().put("PORT", Integer.toString(port));
		builder.environment().putAll(environment);
		Process process = builder.start();
		this.processes.add(process);
		return new Server(process, log, port);
	}

	private static String awaitHealth(Server server) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/health"))
			.timeout(Duration.ofSeconds(5))
			.build();
		long deadline = System.nanoTime() + HEALTH_WAIT.toNanos();
		while (System.nanoTime() < deadline) {
			if (!server.process().isAlive()) {
				fail("The server exited with %d before it was healthy:%n%s", server.process().exitValue(),
						server.output());
			}
			try {
				HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() == 200) {
					return response.body();
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(200);
		}
		return fail("No healthy /health within %s:%n%s", HEALTH_WAIT, server.output());
	}

	private static int awaitExit(Server server, Duration limit) throws InterruptedException {
		boolean exited = server.process().waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
		assertThat(exited).as(() -> "exited within " + limit + "; output:\n" + server.output()).isTrue();
		return server.process().exitValue();
	}

	private Path pristine(String fixture) {
		return LegacyFixtures.copy(fixture, this.tempDir.resolve("pristine")).resolve("starpunk.db");
	}

	private static List<String> historyVersions(Path db) throws SQLException {
		return Sqlite
			.rows(db, "SELECT version, success FROM " + DatabaseUpgrade.HISTORY_TABLE + " ORDER BY installed_rank")
			.stream()
			.peek((row) -> assertThat(row.get("success")).as("success of %s", row).isEqualTo("1"))
			.map((row) -> row.get("version"))
			.toList();
	}

	private static List<Path> backups(Path dataPath) throws IOException {
		try (Stream<Path> files = Files.list(Backups.directory(dataPath))) {
			return files.filter((file) -> Backups.NAME.matcher(file.getFileName().toString()).matches()).toList();
		}
	}

	private static List<String> listing(Path directory) throws IOException {
		try (Stream<Path> files = Files.walk(directory)) {
			return files.map((file) -> directory.relativize(file).toString()).sorted().toList();
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	private record Server(Process process, Path log, int port) {

		String output() {
			try {
				return Files.readString(this.log, StandardCharsets.UTF_8);
			}
			catch (IOException ex) {
				return "(output unreadable: " + ex.getMessage() + ")";
			}
		}

	}

}
