package io.starpunk.database;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.starpunk.support.LegacyFixtures;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dry run in this JVM: what it reports, that it tries the upgrade on a scratch copy,
 * and that it leaves the data directory exactly as it was. (ProcessStartTests runs both
 * commands as real processes.)
 */
class MigrationCommandTests {

	@Test
	void dryRunOnAnUpgradeThatWouldFailSaysWhyAndExitsNonZero(@TempDir Path temp) throws Exception {
		Path dataPath = LegacyFixtures.copy("duplicate-slugs", temp);
		List<String> before = listing(dataPath);
		byte[] database = Files.readAllBytes(dataPath.resolve("starpunk.db"));

		Result result = dryRun(dataPath);

		assertThat(result.exitCode()).isEqualTo(1);
		assertThat(result.output()).contains("Trial upgrade of a scratch copy: FAILED:",
				"the rows of table notes do not fit its current shape", "UNIQUE constraint failed: notes.slug",
				"Dry run: nothing was changed");
		assertThat(listing(dataPath)).isEqualTo(before);
		assertThat(Files.readAllBytes(dataPath.resolve("starpunk.db"))).isEqualTo(database);
	}

	@Test
	void dryRunOnAnUpgradeThatWouldSucceedSaysSo(@TempDir Path temp) throws Exception {
		Path dataPath = LegacyFixtures.copy("v1.0.0", temp);
		List<String> before = listing(dataPath);

		Result result = dryRun(dataPath);

		assertThat(result.exitCode()).isZero();
		assertThat(result.output()).contains("Detected: StarPunk 1.0.x", "Would adopt it as schema version 1",
				"002 - secure tokens and authorization codes", "Trial upgrade of a scratch copy: succeeded");
		assertThat(listing(dataPath)).isEqualTo(before);
	}

	@Test
	void dryRunWithoutADatabaseListsEveryMigrationAndCreatesNothing(@TempDir Path temp) {
		Path dataPath = temp.resolve("not-yet");

		Result result = dryRun(dataPath);

		assertThat(result.exitCode()).isZero();
		assertThat(result.output()).contains("no database yet", "001 - initial schema",
				"Backup: none (a new database has nothing to lose)");
		assertThat(dataPath).doesNotExist();
	}

	private static Result dryRun(Path dataPath) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		int exitCode = MigrationCommand.run(new String[] { MigrationCommand.DRY_RUN, "--DATA_PATH=" + dataPath },
				new PrintStream(out, true, StandardCharsets.UTF_8));
		return new Result(exitCode, out.toString(StandardCharsets.UTF_8));
	}

	private static List<String> listing(Path directory) throws Exception {
		try (Stream<Path> files = Files.walk(directory)) {
			return files.map((file) -> directory.relativize(file).toString()).sorted().toList();
		}
	}

	record Result(int exitCode, String output) {
	}

}
