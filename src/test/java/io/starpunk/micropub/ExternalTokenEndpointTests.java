package io.starpunk.micropub;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

import io.starpunk.http.Destinations;
import io.starpunk.http.HostLookup;
import io.starpunk.http.OutboundFetch;
import io.starpunk.support.MicropubClient;
import io.starpunk.support.MovableClock;
import io.starpunk.support.RunningServer;
import io.starpunk.support.Sqlite;
import io.starpunk.support.TestTokens;

import static io.starpunk.support.JsonErrors.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code TOKEN_ENDPOINT}: Micropub's tokens verified by an external token endpoint (a
 * stand-in on a loopback port, over real HTTP) instead of this server's own, with its
 * answers cached by the token's hash, concurrent requests with one token sharing one
 * answer, and every failure of the endpoint refusing the request.
 */
class ExternalTokenEndpointTests {

	private static final String OWNER = "https://owner.example/";

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final HttpClient http = HttpClient.newHttpClient();

	/**
	 * Production's fetcher: public addresses only, but TOKEN_ENDPOINT is the operator's.
	 */
	private static final OutboundFetch fetch = new OutboundFetch(OutboundFetch.Limits.STANDARD,
			Destinations.publicOnly(), HostLookup.system());

	private static final OutboundFetch hurried = new OutboundFetch(
			OutboundFetch.Limits.STANDARD.withTimeouts(Duration.ofMillis(300), Duration.ofMillis(300)),
			Destinations.publicOnly(), HostLookup.system());

	private static final MovableClock clock = new MovableClock(Instant.now());

	@TempDir
	static Path dataPath;

	static StandIn standIn;

	static RunningServer server;

	@BeforeAll
	static void start() {
		standIn = new StandIn();
		server = RunningServer.start(dataPath, List.of(TestClock.class), "SITE_URL=http://blog.test/",
				"ADMIN_ME=" + OWNER, "TOKEN_ENDPOINT=" + standIn.uri());
	}

	@AfterAll
	static void stop() {
		server.close();
		standIn.close();
		fetch.close();
		hurried.close();
	}

	@Test
	void aTokenTheEndpointVouchesForCreatesANote() throws Exception {
		String token = standIn.knows("create-1", OWNER, "create update");
		int before = count();
		HttpResponse<String> response = form(token, "h", "entry", "content", "Verified elsewhere");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		assertThat(response.headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).startsWith("http://blog.test/notes/"));
		assertThat(count()).isEqualTo(before + 1);
		assertThat(standIn.asked(token)).isEqualTo(1);
	}

	@Test
	void pagesSendAppsToTheExternalTokenEndpoint() {
		HttpResponse<String> home = server.get("/");
		String links = home.headers().firstValue("Link").orElseThrow();
		assertThat(links).contains("<" + standIn.uri() + ">; rel=\"token_endpoint\"")
			.doesNotContain("/auth/token")
			.doesNotContain("indieauth-metadata")
			.contains("rel=\"micropub\"");
		assertThat(home.body()).contains("<link rel=\"token_endpoint\" href=\"" + standIn.uri() + "\">");
	}

	@Test
	void theScopeComesFromTheEndpoint() throws Exception {
		String draftOnly = standIn.knows("draft-1", OWNER, "draft");
		String mediaOnly = standIn.knows("media-1", OWNER, "media");
		assertError(form(draftOnly, "h", "entry", "content", "Published with draft scope"), 403, "insufficient_scope");
		assertThat(form(draftOnly, "h", "entry", "content", "Only a draft", "post-status", "draft").statusCode())
			.isEqualTo(201);
		assertError(form(mediaOnly, "h", "entry", "content", "Media only"), 403, "insufficient_scope");
	}

	@Test
	void aTokenForSomeoneElseIsForbiddenAndAnUnknownOneUnauthorized() throws Exception {
		String other = standIn.knows("other-1", "https://someone-else.example/", "create");
		int before = count();
		assertError(form(other, "h", "entry", "content", "Not the owner's"), 403, "forbidden");
		HttpResponse<String> unknown = form("never-issued-token-1", "h", "entry", "content", "Unknown");
		assertError(unknown, 401, "unauthorized");
		assertThat(unknown.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
		String inactive = standIn.answers("inactive-1", 200, "application/json", "{\"active\":false}");
		assertError(form(inactive, "h", "entry", "content", "Inactive"), 401, "unauthorized");
		String forbidden = standIn.answers("refused-1", 403, "application/json", "{\"error\":\"forbidden\"}");
		assertError(form(forbidden, "h", "entry", "content", "Refused"), 401, "unauthorized");
		assertThat(count()).isEqualTo(before);
	}

	@Test
	void aFormEncodedAnswerIsUnderstood() throws Exception {
		String token = standIn.answers("form-1", 200, "application/x-www-form-urlencoded",
				"me=" + URLEncoder.encode(OWNER, StandardCharsets.UTF_8)
						+ "&issued_by=https%3A%2F%2Ftokens.example%2Ftoken&client_id=https%3A%2F%2Fapp.example%2F"
						+ "&issued_at=1700000000&scope=create+update&nonce=1");
		assertThat(form(token, "h", "entry", "content", "From an old token endpoint").statusCode()).isEqualTo(201);
		String mediaOnly = standIn.answers("form-2", 200, "application/x-www-form-urlencoded",
				"me=" + URLEncoder.encode(OWNER, StandardCharsets.UTF_8) + "&scope=media");
		assertError(form(mediaOnly, "h", "entry", "content", "Media only"), 403, "insufficient_scope");
	}

	@Test
	void answersAreCachedForAWhileAndThenAskedAgain() throws Exception {
		String token = standIn.knows("cached-1", OWNER, "create");
		assertThat(form(token, "h", "entry", "content", "Cached once").statusCode()).isEqualTo(201);
		assertThat(form(token, "h", "entry", "content", "Cached twice").statusCode()).isEqualTo(201);
		assertThat(standIn.asked(token)).isEqualTo(1);
		clock.move(ExternalTokenEndpoint.VALID_FOR.plusSeconds(1));
		assertThat(form(token, "h", "entry", "content", "Cached thrice").statusCode()).isEqualTo(201);
		assertThat(standIn.asked(token)).isEqualTo(2);
	}

	@Test
	void refusalsAreCachedBriefly() throws Exception {
		String unknown = "never-issued-token-2";
		assertError(form(unknown, "h", "entry", "content", "One"), 401, "unauthorized");
		assertError(form(unknown, "h", "entry", "content", "Two"), 401, "unauthorized");
		assertThat(standIn.asked(unknown)).isEqualTo(1);
		clock.move(ExternalTokenEndpoint.REFUSED_FOR.plusSeconds(1));
		assertError(form(unknown, "h", "entry", "content", "Three"), 401, "unauthorized");
		assertThat(standIn.asked(unknown)).isEqualTo(2);
	}

	@Test
	void anExpiryTheEndpointGivesShortensTheCache() throws Exception {
		String token = standIn.answers("short-1", 200, "application/json", "{\"me\":\"" + OWNER
				+ "\",\"client_id\":\"https://app.example/\",\"scope\":\"create\"," + "\"expires_in\":20}");
		assertThat(form(token, "h", "entry", "content", "Short lived").statusCode()).isEqualTo(201);
		clock.move(Duration.ofSeconds(21));
		form(token, "h", "entry", "content", "Asked again");
		assertThat(standIn.asked(token)).isEqualTo(2);
	}

	@Test
	void anEndpointThatFailsRefusesTheRequestWithoutCachingIt() throws Exception {
		int before = count();
		String failing = standIn.answers("failing-1", 500, "text/plain", "oops");
		assertError(form(failing, "h", "entry", "content", "Endpoint broken"), 503, "temporarily_unavailable");
		assertError(form(failing, "h", "entry", "content", "Endpoint broken"), 503, "temporarily_unavailable");
		assertThat(standIn.asked(failing)).as("failures are not cached").isEqualTo(2);
		String nonsense = standIn.answers("nonsense-1", 200, "text/html", "<html>hello</html>");
		assertError(form(nonsense, "h", "entry", "content", "Endpoint nonsense"), 503, "temporarily_unavailable");
		String noMe = standIn.answers("nome-1", 200, "application/json", "{\"scope\":\"create\"}");
		assertError(form(noMe, "h", "entry", "content", "No me"), 503, "temporarily_unavailable");
		String huge = standIn.answers("huge-1", 200, "application/json",
				"{\"me\":\"" + OWNER + "\",\"scope\":\"create\",\"x\":\"" + "a".repeat(70_000) + "\"}");
		assertError(form(huge, "h", "entry", "content", "Huge answer"), 503, "temporarily_unavailable");
		String dropped = standIn.drops("dropped-1");
		assertError(form(dropped, "h", "entry", "content", "Connection dropped"), 503, "temporarily_unavailable");
		assertThat(count()).as("nothing created while the endpoint failed").isEqualTo(before);
	}

	@Test
	void theMediaEndpointAsksTheSameEndpoint() throws Exception {
		String media = standIn.knows("media-query-1", OWNER, "media");
		HttpResponse<String> last = send(HttpRequest.newBuilder(server.uri("/micropub/media?q=last"))
			.header("Authorization", "Bearer " + media));
		assertThat(last.statusCode()).as(last.body()).isEqualTo(200);
		assertThat(standIn.asked(media)).isEqualTo(1);
		String failing = standIn.answers("media-failing-1", 502, "text/plain", "bad gateway");
		assertError(send(HttpRequest.newBuilder(server.uri("/micropub/media?q=last"))
			.header("Authorization", "Bearer " + failing)), 503, "temporarily_unavailable");
		assertError(send(HttpRequest.newBuilder(server.uri("/micropub/media?q=last"))
			.header("Authorization", "Bearer never-issued-token-3")), 401, "unauthorized");
	}

	@Test
	void ourOwnTokensAreNotAcceptedInThisMode() throws Exception {
		String ours = "own-token-0123456789abcdef0123456789abcdef";
		TestTokens.insert(dataPath, ours, OWNER, "create update");
		assertError(form(ours, "h", "entry", "content", "With our own token"), 401, "unauthorized");
		assertThat(standIn.asked(ours)).as("the external endpoint was the one asked").isEqualTo(1);
	}

	@Test
	void theEndpointIsSentTheTokenInTheAuthorizationHeaderOnly() throws Exception {
		String token = standIn.knows("quiet-1", OWNER, "create");
		assertThat(form(token, "h", "entry", "content", "Quietly").statusCode()).isEqualTo(201);
		HttpResponse<String> inBody = send(HttpRequest.newBuilder(server.uri("/micropub"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers
				.ofString("h=entry&content=Body+token&access_token=" + standIn.knows("quiet-2", OWNER, "create"))));
		assertThat(inBody.statusCode()).isEqualTo(201);
		assertThat(standIn.asked(token)).isEqualTo(1);
		assertThat(standIn.asked("quiet-2")).isEqualTo(1);
		assertThat(standIn.leaks()).isEmpty();
	}

	@Test
	void anUnreachableEndpointIsUnavailable() throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closedPort = socket.getLocalPort();
		}
		ExternalTokenEndpoint endpoint = new ExternalTokenEndpoint(
				URI.create("http://127.0.0.1:" + closedPort + "/token"), fetch, json, clock);
		assertThat(endpoint.verify("some-token")).isInstanceOf(ExternalTokenEndpoint.Verdict.Unavailable.class);
	}

	@Test
	void aHangingEndpointTimesOutAndIsUnavailable() throws Exception {
		String hanging = standIn.hangs("hanging-1");
		ExternalTokenEndpoint endpoint = new ExternalTokenEndpoint(standIn.uri(), hurried, json, clock);
		try {
			assertThat(endpoint.verify(hanging)).isInstanceOf(ExternalTokenEndpoint.Verdict.Unavailable.class);
			assertThat(endpoint.verify(hanging)).as("not cached")
				.isInstanceOf(ExternalTokenEndpoint.Verdict.Unavailable.class);
		}
		finally {
			standIn.release();
		}
		String known = standIn.knows("after-hang-1", OWNER, "create");
		assertThat(endpoint.verify(known)).isInstanceOf(ExternalTokenEndpoint.Verdict.Valid.class);
	}

	@Test
	void concurrentRequestsWithOneTokenAskTheEndpointOnce() throws Exception {
		ExternalTokenEndpoint endpoint = new ExternalTokenEndpoint(standIn.uri(), fetch, json, clock);
		String token = standIn.answersSlowly("concurrent-1", 200, "{\"me\":\"" + OWNER + "\",\"scope\":\"create\"}",
				Duration.ofMillis(500));
		assertThat(verifyAtOnce(endpoint, token, 8)).as("every request has the one answer")
			.hasSize(8)
			.allSatisfy((verdict) -> assertThat(verdict).isInstanceOf(ExternalTokenEndpoint.Verdict.Valid.class));
		assertThat(standIn.asked(token)).isEqualTo(1);
		String failing = standIn.answersSlowly("concurrent-failing-1", 500, "{}", Duration.ofMillis(500));
		assertThat(verifyAtOnce(endpoint, failing, 8)).as("a failure is shared too")
			.hasSize(8)
			.allSatisfy((verdict) -> assertThat(verdict).isInstanceOf(ExternalTokenEndpoint.Verdict.Unavailable.class));
		assertThat(standIn.asked(failing)).isEqualTo(1);
		assertThat(endpoint.verify(failing)).as("but not remembered")
			.isInstanceOf(ExternalTokenEndpoint.Verdict.Unavailable.class);
		assertThat(standIn.asked(failing)).isEqualTo(2);
	}

	private static List<ExternalTokenEndpoint.Verdict> verifyAtOnce(ExternalTokenEndpoint endpoint, String token,
			int threads) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<ExternalTokenEndpoint.Verdict>> verdicts = new ArrayList<>();
			for (int i = 0; i < threads; i++) {
				verdicts.add(pool.submit(() -> {
					start.await();
					return endpoint.verify(token);
				}));
			}
			start.countDown();
			List<ExternalTokenEndpoint.Verdict> all = new ArrayList<>();
			for (Future<ExternalTokenEndpoint.Verdict> verdict : verdicts) {
				all.add(verdict.get(10, TimeUnit.SECONDS));
			}
			return all;
		}
		finally {
			pool.shutdownNow();
		}
	}

	private static int count() throws Exception {
		return Integer
			.parseInt(Sqlite.rows(dataPath.resolve("starpunk.db"), "SELECT count(*) AS n FROM notes").get(0).get("n"));
	}

	private static HttpResponse<String> form(String token, String... pairs) {
		return new MicropubClient(server).form(token, pairs);
	}

	private static HttpResponse<String> send(HttpRequest.Builder request) {
		return new MicropubClient(server).send(request);
	}

	/** The movable clock in place of the system one. */
	@Configuration(proxyBeanMethods = false)
	static class TestClock {

		@Bean
		@Primary
		Clock movableClock() {
			return clock;
		}

	}

	/**
	 * A token endpoint on a loopback port that knows a few tokens, counts how often each
	 * is asked about, and notes any request that carries more than the token in its
	 * Authorization header.
	 */
	static final class StandIn implements AutoCloseable {

		private final HttpServer server;

		private final ExecutorService executor = Executors.newCachedThreadPool();

		private final Map<String, Answer> answers = new ConcurrentHashMap<>();

		private final Map<String, AtomicInteger> asked = new ConcurrentHashMap<>();

		private final List<String> leaks = new CopyOnWriteArrayList<>();

		private final CountDownLatch released = new CountDownLatch(1);

		StandIn() {
			try {
				this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
			this.server.createContext("/token", this::token);
			this.server.setExecutor(this.executor);
			this.server.start();
		}

		URI uri() {
			return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort() + "/token");
		}

		String knows(String token, String me, String scope) {
			return answers(token, 200, "application/json",
					"{\"me\":\"" + me + "\",\"client_id\":\"https://app.example/\",\"scope\":\"" + scope + "\"}");
		}

		String answers(String token, int status, String type, String body) {
			this.answers.put(token, new Answer(status, type, body, false, false, Duration.ZERO));
			return token;
		}

		String answersSlowly(String token, int status, String body, Duration delay) {
			this.answers.put(token, new Answer(status, "application/json", body, false, false, delay));
			return token;
		}

		String drops(String token) {
			this.answers.put(token, new Answer(0, null, null, true, false, Duration.ZERO));
			return token;
		}

		String hangs(String token) {
			this.answers.put(token, new Answer(0, null, null, false, true, Duration.ZERO));
			return token;
		}

		void release() {
			this.released.countDown();
		}

		int asked(String token) {
			AtomicInteger count = this.asked.get(token);
			return (count != null) ? count.get() : 0;
		}

		List<String> leaks() {
			return this.leaks;
		}

		private void token(HttpExchange exchange) throws IOException {
			try (exchange) {
				byte[] body = exchange.getRequestBody().readAllBytes();
				String authorization = exchange.getRequestHeaders().getFirst("Authorization");
				String token = (authorization != null && authorization.startsWith("Bearer "))
						? authorization.substring(7) : "";
				this.asked.computeIfAbsent(token, (key) -> new AtomicInteger()).incrementAndGet();
				if (!exchange.getRequestMethod().equals("GET") || body.length > 0
						|| exchange.getRequestURI().getRawQuery() != null || token.isEmpty()) {
					this.leaks
						.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " body " + body.length);
				}
				exchange.getRequestHeaders().forEach((name, values) -> {
					if (!name.equalsIgnoreCase("Authorization") && !token.isEmpty()
							&& values.stream().anyMatch((value) -> value.contains(token))) {
						this.leaks.add("header " + name);
					}
				});
				if (!"application/json".equals(exchange.getRequestHeaders().getFirst("Accept"))) {
					this.leaks.add("Accept " + exchange.getRequestHeaders().getFirst("Accept"));
				}
				Answer answer = this.answers.getOrDefault(token, new Answer(401, "application/json",
						"{\"error\":\"unauthorized\"}", false, false, Duration.ZERO));
				if (answer.drop()) {
					return;
				}
				if (answer.hang()) {
					this.released.await(20, TimeUnit.SECONDS);
					return;
				}
				Thread.sleep(answer.delay().toMillis());
				byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
				exchange.getResponseHeaders().set("Content-Type", answer.type());
				exchange.sendResponseHeaders(answer.status(), bytes.length);
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(bytes);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

		@Override
		public void close() {
			release();
			this.server.stop(0);
			this.executor.shutdownNow();
		}

		private record Answer(int status, String type, String body, boolean drop, boolean hang, Duration delay) {
		}

	}

}
