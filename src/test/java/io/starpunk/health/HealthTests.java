package io.starpunk.health;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.FileSystemUtils;

import io.starpunk.support.LegacyFixtures;
import io.starpunk.support.RunningServer;

import static org.assertj.core.api.Assertions.assertThat;

class HealthTests {

	@Test
	void reportsVersionSchemaDatabaseAndDataPath(@TempDir Path temp) {
		try (RunningServer server = RunningServer.start(temp.resolve("data"))) {
			var response = server.get("/health");
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
			assertThat(response.body()).contains("\"status\":\"ok\"",
					"\"schemaVersion\":\"" + LegacyFixtures.SCHEMA_VERSION + "\"", "\"databaseReachable\":true",
					"\"dataPathWritable\":true", "\"noteFilesMismatched\":0", "\"version\":\"");
		}
	}

	@Test
	void answers503WhenDataPathCannotBeWritten(@TempDir Path temp) throws Exception {
		Path dataPath = temp.resolve("data");
		try (RunningServer server = RunningServer.start(dataPath)) {
			assertThat(server.get("/health").statusCode()).isEqualTo(200);
			// the open database survives on Linux; the directory does not
			FileSystemUtils.deleteRecursively(dataPath);
			assertThat(Files.exists(dataPath)).isFalse();
			var response = server.get("/health");
			assertThat(response.statusCode()).isEqualTo(503);
			assertThat(response.body()).contains("\"status\":\"unavailable\"", "\"dataPathWritable\":false");
		}
	}

}
