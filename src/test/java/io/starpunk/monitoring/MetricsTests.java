package io.starpunk.monitoring;

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

import io.starpunk.support.MicropubClient;
import io.starpunk.support.RunningServer;
import io.starpunk.support.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code /metrics} on the main port with {@code METRICS_TOKEN} set: the right bearer
 * token gets Prometheus text, any other a 401; the scrape counts requests under their
 * path patterns (pages answered from memory included), Micropub writes by action, cache
 * hits and misses, and the background jobs; no other actuator endpoint is on the main
 * port.
 */
class MetricsTests {

	static final String METRICS_TOKEN = "metrics-token-0123456789abcdef";

	private static final String MICROPUB_TOKEN = "metrics-micropub-token-0123456789abcdef";

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@TempDir
	static Path dataPath;

	private static RunningServer server;

	private static MicropubClient micropub;

	@BeforeAll
	static void start() throws Exception {
		server = RunningServer.start(dataPath, List.of(), "METRICS_TOKEN=" + METRICS_TOKEN,
				"ADMIN_ME=https://owner.example/");
		TestTokens.insert(dataPath, MICROPUB_TOKEN, "https://owner.example/", "create update delete");
		micropub = new MicropubClient(server);
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@Test
	void aScrapeWithoutTheTokenIsRefused() throws Exception {
		HttpResponse<String> none = get("/metrics", null);
		assertThat(none.statusCode()).isEqualTo(401);
		assertThat(none.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying((value) -> value.startsWith("Bearer"));
		assertThat(none.body()).doesNotContain("http_server_requests");
		assertThat(get("/metrics", "metrics-token-0123456789abcdeX").statusCode()).isEqualTo(401);
		assertThat(get("/metrics", METRICS_TOKEN + "0").statusCode()).isEqualTo(401);
		assertThat(get("/metrics", "").statusCode()).isEqualTo(401);
		HttpResponse<String> basic = send(
				HttpRequest.newBuilder(server.uri("/metrics")).header("Authorization", "Basic " + METRICS_TOKEN).GET());
		assertThat(basic.statusCode()).isEqualTo(401);
	}

	@Test
	void theScrapeIsPrometheusText() throws Exception {
		assertThat(get("/health", null).statusCode()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(scrape().sum("http_server_requests_seconds_count", "uri=\"/health\""))
				.isPositive());
		HttpResponse<String> response = get("/metrics", METRICS_TOKEN);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/plain").contains("version=0.0.4"));
		assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
		assertThat(response.body()).contains("# TYPE http_server_requests_seconds histogram")
			.contains("# TYPE starpunk_micropub_writes_total counter")
			.doesNotContain("http_server_requests_active")
			.doesNotContain(METRICS_TOKEN);
	}

	@Test
	void requestsAreCountedUnderTheirPathPatternsServedFromMemoryOrNot() throws Exception {
		String slug = slugOf(created(micropub.form(MICROPUB_TOKEN, "h", "entry", "content", "Counted page")));
		String notePage = "uri=\"/notes/{slug}\"";
		double before = scrape().sum("http_server_requests_seconds_count", notePage, "status=\"200\"");
		// the first is rendered by the controller, the next two are answered from memory
		for (int i = 0; i < 3; i++) {
			assertThat(get("/notes/" + slug, null).statusCode()).isEqualTo(200);
		}
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(
					scrape().sum("http_server_requests_seconds_count", notePage, "status=\"200\"") - before)
				.isEqualTo(3));
		Scrape scrape = scrape();
		assertThat(scrape.text()).as("no raw path as a tag").doesNotContain("uri=\"/notes/" + slug);
		assertThat(scrape.sum("http_server_requests_seconds_bucket", notePage, "le=\"+Inf\"")).isPositive();
		assertThat(scrape.samples("http_server_requests_seconds_bucket", notePage))
			.as("a few latency buckets, not a full histogram")
			.hasSizeLessThan(20);
	}

	@Test
	void micropubWritesAreCountedByAction() throws Exception {
		double creates = scrape().sum("starpunk_micropub_writes_total", "action=\"create\"");
		double deletes = scrape().sum("starpunk_micropub_writes_total", "action=\"delete\"");
		String location = created(micropub.form(MICROPUB_TOKEN, "h", "entry", "content", "A counted create"));
		assertThat(micropub.form(MICROPUB_TOKEN, "action", "delete", "url", location).statusCode()).isEqualTo(204);
		// refused writes are not counted
		assertThat(micropub.form("not-a-token", "h", "entry", "content", "Refused").statusCode()).isEqualTo(401);
		Scrape after = scrape();
		assertThat(after.sum("starpunk_micropub_writes_total", "action=\"create\"")).isEqualTo(creates + 1);
		assertThat(after.sum("starpunk_micropub_writes_total", "action=\"delete\"")).isEqualTo(deletes + 1);
		assertThat(after.samples("starpunk_micropub_writes_total", "action=\"media\"")).hasSize(1);
	}

	@Test
	void renderedPageHitsAndMissesAreCounted() throws Exception {
		Scrape before = scrape();
		assertThat(get("/feed.json", null).statusCode()).isEqualTo(200);
		assertThat(get("/feed.json", null).statusCode()).isEqualTo(200);
		Scrape after = scrape();
		assertThat(after.sum("cache_gets_total", "cache=\"rendered_pages\"", "result=\"hit\""))
			.isGreaterThan(before.sum("cache_gets_total", "cache=\"rendered_pages\"", "result=\"hit\""));
		for (String cache : List.of("rendered_pages", "tokens", "client_info", "note_search", "responsive_images",
				"markdown")) {
			assertThat(after.samples("cache_gets_total", "cache=\"" + cache + "\"")).as(cache).isNotEmpty();
		}
	}

	@Test
	void backgroundJobsAreTimed() throws Exception {
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(
					scrape().sum("starpunk_jobs_seconds_count", "job=\"tag-reconciliation\"", "outcome=\"success\""))
				.isEqualTo(1));
		Scrape scrape = scrape();
		assertThat(scrape.sum("starpunk_jobs_seconds_count", "job=\"token-cleanup\"")).isGreaterThanOrEqualTo(1);
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(
					scrape().sum("starpunk_jobs_seconds_count", "job=\"search-index-check\"", "outcome=\"success\""))
				.isEqualTo(1));
	}

	@Test
	void theQueueDepthIsAGaugeByState() throws Exception {
		double before = scrape().sum("starpunk_jobs_queued", "state=\"pending\"");
		server.context()
			.getBean(io.starpunk.jobs.JobQueue.class)
			.add("metrics-test-later", java.util.Map.of(), java.time.Instant.now().plusSeconds(3600));
		assertThat(scrape().sum("starpunk_jobs_queued", "state=\"pending\"")).isEqualTo(before + 1);
		assertThat(scrape().samples("starpunk_jobs_queued", "state=\"failed\"")).isNotEmpty();
	}

	@Test
	void noOtherActuatorEndpointIsOnTheMainPort() throws Exception {
		for (String path : List.of("/actuator", "/actuator/health", "/actuator/prometheus", "/actuator/env",
				"/prometheus", "/health/liveness")) {
			assertThat(get(path, METRICS_TOKEN).statusCode()).as(path).isEqualTo(404);
		}
		HttpResponse<String> health = get("/health", null);
		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(health.body()).contains("\"databaseReachable\":true");
	}

	static Scrape scrape() throws Exception {
		HttpResponse<String> response = get("/metrics", METRICS_TOKEN);
		assertThat(response.statusCode()).isEqualTo(200);
		return new Scrape(response.body());
	}

	private static String created(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return response.headers().firstValue("Location").orElseThrow();
	}

	private static String slugOf(String location) {
		String path = URI.create(location).getPath();
		return path.substring(path.lastIndexOf('/') + 1);
	}

	private static HttpResponse<String> get(String path, String token) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path)).GET();
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return send(request);
	}

	private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
	}

}
