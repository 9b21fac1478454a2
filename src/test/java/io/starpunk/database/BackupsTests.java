package io.starpunk.database;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.starpunk.support.LegacyFixtures;
import io.starpunk.support.Sqlite;

import static org.assertj.core.api.Assertions.assertThat;

class BackupsTests {

	private static final Instant NOW = Instant.parse("2026-11-24T18:35:12Z");

	@Test
	void writesAnOwnerOnlyConsistentCopyNamedForTimeAndVersion(@TempDir Path temp) throws Exception {
		Path dataPath = LegacyFixtures.copy("v1.0.0-rc.3", temp);
		Path backup;
		try (Connection connection = Sqlite.open(dataPath.resolve("starpunk.db"))) {
			backup = Backups.write(connection, dataPath, NOW, "2.1");
		}
		assertThat(backup).isEqualTo(dataPath.resolve("backups/starpunk-20261124T183512Z-before-2.1.db"));
		assertThat(Files.getPosixFilePermissions(backup)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
		assertThat(Files.getPosixFilePermissions(backup.getParent()))
			.isEqualTo(PosixFilePermissions.fromString("rwx------"));
		String notes = "SELECT slug, content_hash FROM notes ORDER BY id";
		assertThat(Sqlite.rows(backup, notes)).hasSize(5)
			.isEqualTo(Sqlite.rows(dataPath.resolve("starpunk.db"), notes));
	}

	@Test
	void twoBackupsInOneSecondGetTwoNames(@TempDir Path temp) throws Exception {
		Path dataPath = LegacyFixtures.copy("v0.9.5", temp);
		try (Connection connection = Sqlite.open(dataPath.resolve("starpunk.db"))) {
			Path first = Backups.write(connection, dataPath, NOW, "2.1");
			Path second = Backups.write(connection, dataPath, NOW, "2.1");
			assertThat(second).isNotEqualTo(first);
			assertThat(second.getFileName().toString()).matches(Backups.NAME.pattern());
		}
	}

	@Test
	void keepsTheNewestFiveAndNothingElseIsTouched(@TempDir Path temp) throws Exception {
		Path directory = Files.createDirectories(temp.resolve("backups"));
		Path unrelated = Files.writeString(directory.resolve("my-notes.txt"), "mine");
		for (int day = 1; day <= 7; day++) {
			Path file = Files.writeString(directory.resolve("starpunk-2026110" + day + "T120000Z-before-2.1.db"), "x");
			Files.setLastModifiedTime(file, FileTime.from(NOW.minusSeconds(86_400L * (8 - day))));
		}
		Backups.prune(directory);
		try (Stream<Path> files = Files.list(directory)) {
			assertThat(files.map((file) -> file.getFileName().toString()).sorted().toList())
				.isEqualTo(List.of("my-notes.txt", "starpunk-20261103T120000Z-before-2.1.db",
						"starpunk-20261104T120000Z-before-2.1.db", "starpunk-20261105T120000Z-before-2.1.db",
						"starpunk-20261106T120000Z-before-2.1.db", "starpunk-20261107T120000Z-before-2.1.db"));
		}
		assertThat(unrelated).exists();
	}

}
