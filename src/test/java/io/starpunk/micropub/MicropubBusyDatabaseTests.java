package io.starpunk.micropub;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import io.starpunk.support.RunningServer;
import io.starpunk.support.Sqlite;
import io.starpunk.support.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A create while another process holds the database's write lock past the busy timeout:
 * the client is told to try again (503), nothing is written, and the next try works.
 */
class MicropubBusyDatabaseTests {

	private static final String TOKEN = "busy-token-0123456789abcdef0123456789abcdef";

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void aBusyDatabaseIsATryAgainAndWritesNothing(@TempDir Path temp) throws Exception {
		Path dataPath = temp.resolve("data");
		try (RunningServer server = RunningServer.start(dataPath, List.of(), "SITE_URL=http://blog.test/",
				"ADMIN_ME=https://owner.example/", "DATABASE_BUSY_TIMEOUT=100ms")) {
			TestTokens.insert(dataPath, TOKEN, "https://owner.example/", "create");
			HttpRequest create = HttpRequest.newBuilder(server.uri("/micropub"))
				.header("Authorization", "Bearer " + TOKEN)
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString("h=entry&content=Written+when+the+database+is+free"))
				.build();
			try (Connection other = Sqlite.open(dataPath.resolve("starpunk.db"));
					Statement lock = other.createStatement()) {
				lock.execute("BEGIN IMMEDIATE");
				HttpResponse<String> busy = this.http.send(create, HttpResponse.BodyHandlers.ofString());
				assertThat(busy.statusCode()).as(busy.body()).isEqualTo(503);
				assertThat(busy.headers().firstValue("Retry-After")).hasValue("1");
				assertThat(JsonMapper.builder().build().readTree(busy.body()).path("error").asString())
					.isEqualTo("temporarily_unavailable");
				lock.execute("ROLLBACK");
			}
			assertThat(Files.exists(dataPath.resolve("notes"))
					? Files.walk(dataPath.resolve("notes")).filter(Files::isRegularFile).count() : 0)
				.isZero();
			HttpResponse<String> created = this.http.send(create, HttpResponse.BodyHandlers.ofString());
			assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		}
	}

}
