package io.starpunk.monitoring;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.starpunk.support.RunningServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code MANAGEMENT_PORT} set and {@code METRICS_TOKEN} not: the scrape is on the
 * management port, at 127.0.0.1, without a token, and is the only endpoint there; on the
 * main port {@code /metrics} does not exist.
 */
class ManagementPortTests {

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@TempDir
	static Path dataPath;

	private static RunningServer server;

	private static int managementPort;

	@BeforeAll
	static void start() throws IOException {
		managementPort = freePort();
		server = RunningServer.start(dataPath, List.of(), "MANAGEMENT_PORT=" + managementPort);
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@Test
	void theManagementPortServesTheScrapeWithoutAToken() throws Exception {
		assertThat(server.get("/").statusCode()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(managementScrape().sum("http_server_requests_seconds_count", "uri=\"/\""))
				.isPositive());
		HttpResponse<String> response = management("/metrics");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/plain"));
		assertThat(response.body()).contains("starpunk_micropub_writes_total{action=\"create\"}");
	}

	@Test
	void theManagementServerListensOnLoopbackOnly() {
		assertThat(server.context().getEnvironment().getProperty("management.server.address")).isEqualTo("127.0.0.1");
		assertThat(server.context().getEnvironment().getProperty("local.management.port"))
			.isEqualTo(Integer.toString(managementPort));
	}

	@Test
	void theScrapeIsTheOnlyManagementEndpoint() throws Exception {
		for (String path : List.of("/", "/health", "/actuator", "/actuator/health", "/env", "/prometheus",
				"/heapdump")) {
			assertThat(management(path).statusCode()).as(path).isEqualTo(404);
		}
	}

	@Test
	void withoutMetricsTokenTheMainPortHasNoMetrics() {
		HttpResponse<String> metrics = server.get("/metrics");
		HttpResponse<String> unknown = server.get("/no-such-page");
		assertThat(metrics.statusCode()).isEqualTo(404);
		assertThat(metrics.body()).doesNotContain("http_server_requests")
			.isEqualTo(unknown.body().replace("/no-such-page", "/metrics"));
		assertThat(server.get("/actuator/prometheus").statusCode()).isEqualTo(404);
	}

	private static Scrape managementScrape() throws Exception {
		HttpResponse<String> response = management("/metrics");
		assertThat(response.statusCode()).isEqualTo(200);
		return new Scrape(response.body());
	}

	private static HttpResponse<String> management(String path) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + path))
			.timeout(Duration.ofSeconds(30))
			.GET()
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
