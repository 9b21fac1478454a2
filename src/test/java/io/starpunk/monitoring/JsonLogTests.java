package io.starpunk.monitoring;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.starpunk.support.MicropubClient;
import io.starpunk.support.OwnerClient;
import io.starpunk.support.RunningServer;
import io.starpunk.support.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code LOG_FORMAT=json}: every line the server writes, from the start to the shutdown,
 * is one JSON object (Elastic Common Schema), and none holds a password or a token, not
 * even after sign-ins, Micropub writes and refused attempts.
 */
@ExtendWith(OutputCaptureExtension.class)
class JsonLogTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final String MICROPUB_TOKEN = "json-log-micropub-token-0123456789abcdef";

	private static final String METRICS_TOKEN = "json-log-metrics-token-0123456789";

	/**
	 * Boot hands the console format to the logging system as a system property, which
	 * outlives the server; cleared, so that the servers of the tests that follow in this
	 * JVM log plain lines again.
	 */
	@AfterAll
	static void forgetTheFormat() {
		System.getProperties()
			.stringPropertyNames()
			.stream()
			.filter((name) -> name.contains("STRUCTURED_FORMAT"))
			.forEach(System::clearProperty);
	}

	@Test
	void everyLineIsOneJsonObjectWithNoSecretInIt(@TempDir Path dataPath, CapturedOutput output) throws Exception {
		String session;
		try (RunningServer server = RunningServer.start(dataPath, List.of(), "LOG_FORMAT=json",
				"ADMIN_PASSWORD=" + OwnerClient.PASSWORD, "ADMIN_ME=https://owner.example/",
				"METRICS_TOKEN=" + METRICS_TOKEN, "LOG_LEVEL=DEBUG")) {
			TestTokens.insert(dataPath, MICROPUB_TOKEN, "https://owner.example/", "create update");
			OwnerClient owner = OwnerClient.signIn(server, OwnerClient.PASSWORD);
			session = owner.sessionCookie().orElseThrow();
			assertThat(owner.get("/admin").statusCode()).isEqualTo(200);
			assertThat(OwnerClient.anonymous(server).signInWith(OwnerClient.PASSWORD + "-wrong").statusCode())
				.isNotEqualTo(500);
			MicropubClient micropub = new MicropubClient(server);
			assertThat(micropub.form(MICROPUB_TOKEN, "h", "entry", "content", "Logged").statusCode()).isEqualTo(201);
			assertThat(micropub.json(MICROPUB_TOKEN, "{\"type\": [\"h-entry\"").statusCode()).isEqualTo(400);
			assertThat(micropub.form(MICROPUB_TOKEN + "x", "h", "entry").statusCode()).isEqualTo(401);
			HttpResponse<String> metrics = micropub.send(
					HttpRequest.newBuilder(server.uri("/metrics")).header("Authorization", "Bearer " + METRICS_TOKEN));
			assertThat(metrics.statusCode()).isEqualTo(200);
		}
		List<String> lines = output.getAll().lines().filter((line) -> !line.isBlank()).toList();
		List<JsonNode> entries = new ArrayList<>();
		for (String line : lines) {
			try {
				entries.add(json.readTree(line));
			}
			catch (JacksonException ex) {
				throw new AssertionError("not one JSON object: " + line, ex);
			}
		}
		assertThat(entries).allSatisfy((entry) -> {
			assertThat(entry.isObject()).isTrue();
			assertThat(entry.path("@timestamp").isString()).as(entry.toString()).isTrue();
			assertThat(entry.path("message").isString()).as(entry.toString()).isTrue();
		});
		assertThat(entries).as("the start-up lines")
			.anySatisfy((entry) -> assertThat(entry.path("message").asString()).startsWith("Started "));
		assertThat(entries.size()).as("a start, debug lines and a shutdown").isGreaterThan(20);
		for (Map.Entry<String, String> secret : Map
			.of("the password", OwnerClient.PASSWORD, "the Micropub token", MICROPUB_TOKEN, "the metrics token",
					METRICS_TOKEN, "the session", session)
			.entrySet()) {
			assertThat(lines).as(secret.getKey()).noneMatch((line) -> line.contains(secret.getValue()));
		}
	}

}
