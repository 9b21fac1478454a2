package io.starpunk.media;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.starpunk.config.Sha256;
import io.starpunk.support.LegacyFixtures;
import io.starpunk.support.RunningServer;
import io.starpunk.support.Sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatRuntimeException;

/**
 * Cleaning a stored image in place replaces its file and its row together: when the
 * transaction fails at its COMMIT (made to fail by a deferred foreign key, on the real
 * database), the original file is back, with its row as it was, and nothing is left
 * beside it; once commits work, the same cleaning goes through.
 */
class CleaningAfterCommitTests {

	@Test
	void aCleaningThatDoesNotCommitLeavesTheOriginalFileAndRow(@TempDir Path temp) throws Exception {
		Path dataPath = LegacyFixtures.copy("v1.5.0", temp);
		Path database = dataPath.resolve("starpunk.db");
		try (RunningServer server = RunningServer.start(dataPath, List.of(), "SITE_URL=https://blog.example/")) {
			StoredImages images = server.context().getBean(StoredImages.class);
			assertThat(images.survey().toClean()).isPositive();
			Map<String, String> files = hashes(dataPath);
			List<Map<String, String>> rows = Sqlite.rows(database,
					"SELECT path, size_bytes, content_hash, width, height FROM media ORDER BY path");
			Sqlite.script(database, "/failing-commits/refuse-media-commits.sql");

			assertThatRuntimeException().isThrownBy(images::cleanAll);

			assertThat(hashes(dataPath)).as("every file as it was, nothing beside them").isEqualTo(files);
			assertThat(Sqlite.rows(database,
					"SELECT path, size_bytes, content_hash, width, height FROM media ORDER BY path"))
				.isEqualTo(rows);

			Sqlite.script(database, "/failing-commits/accept-media-commits.sql");
			StoredImages.Cleaned cleaned = images.cleanAll();
			assertThat(cleaned.cleaned()).isPositive();
			assertThat(cleaned.failed()).isEmpty();
			assertThat(hashes(dataPath)).isNotEqualTo(files);
		}
	}

	/** Every file under media/, hidden ones included, by path. */
	private static Map<String, String> hashes(Path dataPath) throws Exception {
		Map<String, String> hashes = new HashMap<>();
		try (Stream<Path> files = Files.walk(dataPath.resolve("media"))) {
			for (Path file : files.filter(Files::isRegularFile).toList()) {
				hashes.put(dataPath.relativize(file).toString(), Sha256.hex(Files.readAllBytes(file)));
			}
		}
		return hashes;
	}

}
