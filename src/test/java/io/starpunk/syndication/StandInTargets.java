package io.starpunk.syndication;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The other sites a note is syndicated to, on 127.0.0.1, speaking their protocols: a
 * Micropub endpoint (201 with Location), a Mastodon instance ({@code POST
 * /api/v1/statuses}), a Bluesky PDS ({@code createSession}, {@code createRecord}), one
 * Micropub endpoint that fails once with a 500, one Mastodon that refuses every status
 * with a 422. Each request is recorded as it came.
 */
final class StandInTargets implements AutoCloseable {

	static final String MICROPUB_TOKEN = "micropub-secret-token-1";

	static final String MASTODON_TOKEN = "mastodon-secret-token-2";

	static final String BLUESKY_HANDLE = "me.bsky.test";

	static final String BLUESKY_PASSWORD = "abcd-efgh-ijkl-mnop";

	static final String BLUESKY_DID = "did:plc:abc123xyz";

	static final String BLUESKY_JWT = "access-jwt-for-the-session";

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpServer server;

	final List<Recorded> requests = new CopyOnWriteArrayList<>();

	private final AtomicInteger posts = new AtomicInteger();

	private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

	StandInTargets() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.setExecutor(Executors.newCachedThreadPool((task) -> {
			Thread thread = new Thread(task, "stand-in-targets");
			thread.setDaemon(true);
			return thread;
		}));
		this.server.createContext("/micropub", this::micropub);
		this.server.createContext("/flaky/micropub", this::flaky);
		this.server.createContext("/mastodon/api/v1/statuses", this::mastodon);
		this.server.createContext("/refusing/api/v1/statuses", this::refusing);
		this.server.createContext("/bsky/xrpc/com.atproto.server.createSession", this::createSession);
		this.server.createContext("/bsky/xrpc/com.atproto.repo.createRecord", this::createRecord);
		this.server.start();
	}

	String base() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	/** SYNDICATE_TO naming every stand-in. */
	String syndicateTo() {
		return """
				[{"uid": "https://micropub.test/", "name": "Other blog", "type": "micropub", "url": "%1$s/micropub", "token": "%2$s"},
				 {"uid": "https://mastodon.test/@me", "name": "Mastodon", "type": "mastodon", "url": "%1$s/mastodon/", "token": "%3$s"},
				 {"uid": "https://bsky.app/profile/%4$s", "name": "Bluesky", "type": "bluesky", "url": "%1$s/bsky", "token": "%4$s:%5$s"},
				 {"uid": "https://flaky.test/", "name": "Flaky blog", "type": "micropub", "url": "%1$s/flaky/micropub", "token": "%2$s"},
				 {"uid": "https://refusing.test/@me", "name": "Refusing Mastodon", "type": "mastodon", "url": "%1$s/refusing", "token": "%3$s"}]
				"""
			.formatted(base(), MICROPUB_TOKEN, MASTODON_TOKEN, BLUESKY_HANDLE, BLUESKY_PASSWORD)
			.replace("\n", " ");
	}

	/** The requests made to a path. */
	List<Recorded> to(String path) {
		return this.requests.stream().filter((request) -> request.path().equals(path)).toList();
	}

	private void micropub(HttpExchange exchange) throws IOException {
		Recorded request = record(exchange);
		if (!("Bearer " + MICROPUB_TOKEN).equals(request.authorization())) {
			answer(exchange, 401, "application/json", "{\"error\": \"unauthorized\"}", Map.of());
			return;
		}
		answer(exchange, 201, null, "", Map.of("Location", base() + "/posts/" + this.posts.incrementAndGet()));
	}

	private void flaky(HttpExchange exchange) throws IOException {
		record(exchange);
		if (this.calls.computeIfAbsent("flaky", (key) -> new AtomicInteger()).incrementAndGet() == 1) {
			answer(exchange, 500, "application/json",
					"{\"error\": \"server_error\", \"error_description\": \"The database is on fire\"}", Map.of());
			return;
		}
		answer(exchange, 201, null, "", Map.of("Location", base() + "/flaky/posts/1"));
	}

	private void mastodon(HttpExchange exchange) throws IOException {
		Recorded request = record(exchange);
		if (!("Bearer " + MASTODON_TOKEN).equals(request.authorization())) {
			answer(exchange, 401, "application/json", "{\"error\": \"The access token is invalid\"}", Map.of());
			return;
		}
		int id = this.posts.incrementAndGet();
		answer(exchange, 200, "application/json",
				"{\"id\": \"" + id + "\", \"url\": \"https://mastodon.test/@me/" + id + "\", \"content\": \"\"}",
				Map.of());
	}

	private void refusing(HttpExchange exchange) throws IOException {
		record(exchange);
		answer(exchange, 422, "application/json",
				"{\"error\": \"Validation failed: This account may not post " + MASTODON_TOKEN + "\"}", Map.of());
	}

	private void createSession(HttpExchange exchange) throws IOException {
		Recorded request = record(exchange);
		JsonNode body = json.readTree(request.body());
		if (!BLUESKY_HANDLE.equals(body.path("identifier").asString())
				|| !BLUESKY_PASSWORD.equals(body.path("password").asString())) {
			answer(exchange, 401, "application/json",
					"{\"error\": \"AuthenticationRequired\", \"message\": \"Invalid identifier or password\"}",
					Map.of());
			return;
		}
		answer(exchange, 200, "application/json",
				"{\"accessJwt\": \"" + BLUESKY_JWT + "\", \"refreshJwt\": \"r\", \"handle\": \"" + BLUESKY_HANDLE
						+ "\", \"did\": \"" + BLUESKY_DID + "\"}",
				Map.of());
	}

	private void createRecord(HttpExchange exchange) throws IOException {
		Recorded request = record(exchange);
		if (!("Bearer " + BLUESKY_JWT).equals(request.authorization())) {
			answer(exchange, 401, "application/json", "{\"error\": \"InvalidToken\", \"message\": \"Bad token\"}",
					Map.of());
			return;
		}
		answer(exchange, 200, "application/json", "{\"uri\": \"at://" + BLUESKY_DID + "/app.bsky.feed.post/3kxyzrkey"
				+ this.posts.incrementAndGet() + "\", \"cid\": \"bafyrei\"}", Map.of());
	}

	private Recorded record(HttpExchange exchange) throws IOException {
		byte[] body = exchange.getRequestBody().readAllBytes();
		Recorded request = new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
				exchange.getRequestHeaders().getFirst("Authorization"),
				exchange.getRequestHeaders().getFirst("Content-Type"),
				exchange.getRequestHeaders().getFirst("Idempotency-Key"), new String(body, StandardCharsets.UTF_8));
		this.requests.add(request);
		return request;
	}

	private static void answer(HttpExchange exchange, int status, String contentType, String body,
			Map<String, String> headers) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		if (contentType != null) {
			exchange.getResponseHeaders().set("Content-Type", contentType);
		}
		headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
		exchange.sendResponseHeaders(status, (bytes.length == 0) ? -1 : bytes.length);
		if (bytes.length > 0) {
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		}
		exchange.close();
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	/**
	 * One request as it came.
	 *
	 * @param method its method
	 * @param path its path
	 * @param authorization its Authorization header, or {@code null}
	 * @param contentType its Content-Type, or {@code null}
	 * @param idempotencyKey its Idempotency-Key, or {@code null}
	 * @param body its body
	 */
	record Recorded(String method, String path, String authorization, String contentType, String idempotencyKey,
			String body) {

		/** The body as a form: each field's values. */
		Map<String, List<String>> form() {
			Map<String, List<String>> fields = new java.util.LinkedHashMap<>();
			for (String pair : this.body.split("&")) {
				if (pair.isEmpty()) {
					continue;
				}
				String[] parts = pair.split("=", 2);
				fields
					.computeIfAbsent(java.net.URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
							(key) -> new java.util.ArrayList<>())
					.add(java.net.URLDecoder.decode((parts.length > 1) ? parts[1] : "", StandardCharsets.UTF_8));
			}
			return fields;
		}

		JsonNode json() {
			return StandInTargets.json.readTree(this.body);
		}

	}

}
