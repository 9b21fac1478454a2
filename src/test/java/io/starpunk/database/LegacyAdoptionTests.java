package io.starpunk.database;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.starpunk.support.LegacyFixtures;
import io.starpunk.support.RunningServer;
import io.starpunk.support.Sqlite;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every StarPunk data directory in the fixtures, started on by the real application: what
 * STATES.md asks of a correct upgrade, at the database level.
 */
@ExtendWith(OutputCaptureExtension.class)
class LegacyAdoptionTests {

	private static final List<String> UPGRADABLE = Stream
		.concat(LegacyFixtures.UPGRADABLE.stream(), LegacyFixtures.LATER.stream())
		.toList();

	private static final String TRIGGERS = "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger'"
			+ " ORDER BY name";

	private static final String[] HISTORY_TABLES = { "flyway_schema_history", "schema_migrations" };

	private static List<String> freshSchema;

	private static List<Map<String, String>> freshTriggers;

	@BeforeAll
	static void startOnAnEmptyDirectory(@TempDir Path empty) throws Exception {
		Path dataPath = empty.resolve("fresh");
		try (RunningServer server = RunningServer.start(dataPath)) {
			assertThat(server.get("/health").statusCode()).isEqualTo(200);
		}
		freshSchema = Sqlite.shape(dataPath.resolve("starpunk.db")).without(HISTORY_TABLES).describe();
		freshTriggers = Sqlite.rows(dataPath.resolve("starpunk.db"), TRIGGERS);
		assertThat(Files.exists(dataPath.resolve("backups"))).as("no backup for a fresh install").isFalse();
	}

	@ParameterizedTest(name = "{0}")
	@FieldSource("UPGRADABLE")
	void upgradesToTheFreshSchemaKeepingEveryNote(String fixture, @TempDir Path temp, CapturedOutput output)
			throws Exception {
		Path dataPath = LegacyFixtures.copy(fixture, temp);
		Path database = dataPath.resolve("starpunk.db");
		List<String> schemaBefore = Sqlite.shape(database).without(HISTORY_TABLES).describe();
		List<Map<String, String>> notesBefore = notes(database);
		Map<Path, byte[]> filesBefore = noteFiles(dataPath);
		Map<Path, byte[]> mediaBefore = files(dataPath.resolve("media"));

		try (RunningServer server = RunningServer.start(dataPath)) {
			var health = server.get("/health");
			assertThat(health.statusCode()).isEqualTo(200);
			assertThat(health.body()).contains("\"schemaVersion\":\"" + LegacyFixtures.SCHEMA_VERSION + "\"");
		}

		assertThat(schemaBefore).as("the fixture starts out different").isNotEqualTo(freshSchema);
		assertThat(Sqlite.shape(database).without(HISTORY_TABLES).describe()).isEqualTo(freshSchema);
		assertThat(Sqlite.rows(database, TRIGGERS)).as("triggers").isEqualTo(freshTriggers);
		assertThat(files(dataPath.resolve("media"))).as("media files")
			.containsOnlyKeys(mediaBefore.keySet())
			.allSatisfy((file, bytes) -> assertThat(bytes).isEqualTo(mediaBefore.get(file)));
		assertThat(notes(database)).isEqualTo(notesBefore);
		assertThat(noteFiles(dataPath)).containsOnlyKeys(filesBefore.keySet());
		for (Map<String, String> note : notesBefore) {
			byte[] bytes = Files.readAllBytes(dataPath.resolve(note.get("file_path")));
			assertThat(bytes).isEqualTo(filesBefore.get(dataPath.resolve(note.get("file_path"))));
			assertThat(sha256(bytes)).isEqualTo(note.get("content_hash"));
		}
		assertThat(new String(Files.readAllBytes(database), StandardCharsets.ISO_8859_1))
			.as("no plaintext token is left in the database file")
			.doesNotContain(LegacyFixtures.PLAINTEXT_TOKEN_PREFIX);

		Path backup = onlyBackup(dataPath);
		assertThat(output).contains("Backed up " + database + " to " + backup);
		assertThat(Files.getPosixFilePermissions(backup)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
		assertThat(Sqlite.shape(backup).without(HISTORY_TABLES).describe()).as("the backup is the database as it was")
			.isEqualTo(schemaBefore);
		assertThat(notes(backup)).isEqualTo(notesBefore);
	}

	@ParameterizedTest(name = "{0}")
	@FieldSource("UPGRADABLE")
	void aSecondStartChangesNothing(String fixture, @TempDir Path temp) throws Exception {
		Path dataPath = LegacyFixtures.copy(fixture, temp);
		Path database = dataPath.resolve("starpunk.db");
		try (RunningServer server = RunningServer.start(dataPath)) {
			assertThat(server.get("/health").statusCode()).isEqualTo(200);
		}
		byte[] upgraded = Files.readAllBytes(database);
		List<Map<String, String>> history = Sqlite.rows(database, "SELECT * FROM flyway_schema_history");
		Path backup = onlyBackup(dataPath);

		try (RunningServer server = RunningServer.start(dataPath)) {
			assertThat(server.get("/health").statusCode()).isEqualTo(200);
		}

		assertThat(Sqlite.rows(database, "SELECT * FROM flyway_schema_history")).isEqualTo(history);
		assertThat(onlyBackup(dataPath)).isEqualTo(backup);
		assertThat(Files.readAllBytes(database)).as("the database file's bytes").isEqualTo(upgraded);
	}

	@Test
	void plaintextTokensAreDroppedAndTheRc3TokenIsKept(@TempDir Path temp) throws Exception {
		String rc3Hash = sha256(LegacyFixtures.RC3_TOKEN.getBytes(StandardCharsets.UTF_8));
		for (String fixture : List.of("v0.9.5", "v0.9.5-hotfix-option1", "v1.0.0-rc.3", "v1.0.0-rc.4")) {
			Path dataPath = LegacyFixtures.copy(fixture, temp);
			try (RunningServer server = RunningServer.start(dataPath)) {
				assertThat(server.get("/health").statusCode()).isEqualTo(200);
			}
			List<Map<String, String>> tokens = Sqlite.rows(dataPath.resolve("starpunk.db"),
					"SELECT token_hash, me, client_id, scope, expires_at FROM tokens");
			if (fixture.startsWith("v0.9.5")) {
				assertThat(tokens).as(fixture).isEmpty();
			}
			else {
				assertThat(tokens).as(fixture)
					.containsExactly(Map.of("token_hash", rc3Hash, "me", LegacyFixtures.ME, "client_id",
							"https://quill.p3k.io/", "scope", "create", "expires_at", "2099-01-01 00:00:00"));
			}
		}
	}

	@Test
	void plaintextSessionsOfStarpunk01AreKeptAsTheirHash(@TempDir Path temp) throws Exception {
		Path dataPath = LegacyFixtures.copy("v0.1", temp);
		try (RunningServer server = RunningServer.start(dataPath)) {
			assertThat(server.get("/health").statusCode()).isEqualTo(200);
		}
		assertThat(Sqlite.rows(dataPath.resolve("starpunk.db"), "SELECT session_token_hash, me FROM sessions"))
			.containsExactly(Map.of("session_token_hash",
					sha256("legacy-v01-session-cookie".getBytes(StandardCharsets.UTF_8)), "me", LegacyFixtures.ME));
	}

	private static List<Map<String, String>> notes(Path database) throws Exception {
		return Sqlite.rows(database, """
				SELECT id, slug, file_path, published, created_at, updated_at, deleted_at, content_hash
				FROM notes ORDER BY id
				""");
	}

	private static Map<Path, byte[]> noteFiles(Path dataPath) throws IOException {
		return files(dataPath.resolve("notes"));
	}

	private static Map<Path, byte[]> files(Path directory) throws IOException {
		if (!Files.isDirectory(directory)) {
			return Map.of();
		}
		try (Stream<Path> files = Files.walk(directory)) {
			return files.filter(Files::isRegularFile)
				.collect(java.util.stream.Collectors.toMap((file) -> file, (file) -> {
					try {
						return Files.readAllBytes(file);
					}
					catch (IOException ex) {
						throw new java.io.UncheckedIOException(ex);
					}
				}));
		}
	}

	private static Path onlyBackup(Path dataPath) throws IOException {
		try (Stream<Path> files = Files.list(dataPath.resolve("backups"))) {
			List<Path> backups = files.toList();
			assertThat(backups).hasSize(1);
			assertThat(backups.get(0).getFileName().toString())
				.matches("starpunk-\\d{8}T\\d{6}Z-before-" + LegacyFixtures.SCHEMA_VERSION + "\\.db");
			return backups.get(0);
		}
	}

	static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
	}

}
