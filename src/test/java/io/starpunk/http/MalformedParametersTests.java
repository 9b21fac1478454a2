package io.starpunk.http;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.starpunk.support.RunningServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fields that cannot be decoded are a 400 before anything reads them, and their values (a
 * password, a token) never reach the log.
 */
@ExtendWith(OutputCaptureExtension.class)
class MalformedParametersTests {

	private static final String SECRET = "secret-value-7f3a9c";

	private final HttpClient http = HttpClient.newHttpClient();

	@ParameterizedTest
	@ValueSource(strings = { "password=" + SECRET + "%ZZ", "password=" + SECRET + "%FF%FE",
			"password=" + SECRET + "%C0%AF" })
	void aSignInWithUndecodableFieldsIsRefusedAndNotLogged(String body, @TempDir Path temp, CapturedOutput output)
			throws Exception {
		try (RunningServer server = RunningServer.start(temp.resolve("data"))) {
			HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(server.uri("/auth/login"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).isEqualTo(400);
			assertThat(response.body()).doesNotContain(SECRET);
			HttpResponse<String> micropub = this.http.send(
					HttpRequest.newBuilder(server.uri("/micropub?q=config&access_token=" + SECRET + "%FF")).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(micropub.statusCode()).isEqualTo(400);
			assertThat(micropub.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
		}
		assertThat(output.getAll()).doesNotContain(SECRET).doesNotContain("InvalidParameterException");
	}

	@Test
	void wellFormedFieldsPassAsBefore(@TempDir Path temp) throws Exception {
		try (RunningServer server = RunningServer.start(temp.resolve("data"))) {
			HttpResponse<String> response = this.http.send(
					HttpRequest.newBuilder(server.uri("/micropub?q=config")).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as("no token: the endpoint itself answers").isEqualTo(401);
		}
	}

}
