package io.starpunk.webmention.sending;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stand-in for webmention.rocks on a loopback address: its 23 discovery tests, each
 * answered as the real site answers them (the {@code Link} headers, their names' casing
 * and order, the page's {@code <head>} and post body, test 23's redirect to a page whose
 * URLs work once), read from {@code webmention-rocks/discovery-tests.json}, a copy of
 * webmention.rocks' own test data. Its endpoints accept a webmention with 202, the decoys
 * ({@code .../error}, test 20's page, an expired key) refuse it with 400, and every
 * request is kept. Written on a bare socket so that a header goes out exactly as written
 * ({@code LinK}). Further pages and endpoints can be added with {@link #route}.
 */
final class StandInRocks implements AutoCloseable {

	private static final String PAGE = """
			<!DOCTYPE html>
			<html lang="en">
			<head>
			  <meta charset="utf-8" />
			  <meta http-equiv="X-UA-Compatible" content="IE=edge,chrome=1" />
			  <meta name="viewport" content="width=device-width, initial-scale=1.0, maximum-scale=1.0">

			  <title>Webmention Rocks!</title>
			  <link href="/assets/semantic.min.css" rel="stylesheet">
			  <link href="/assets/style.css" rel="stylesheet">
			  <link href="/assets/test.css" rel="stylesheet">

			  <script src="/assets/jquery-1.11.3.min.js"></script>
			  <script src="/assets/semantic.min.js"></script>
			  <script src="/assets/script.js"></script>

			  {link_tag}

			</head>
			<body>
			<div class="post-container h-entry">
			  <div class="post-main ">
			    <div class="left p-author h-card">
			      <a href="/">
			        <img src="/assets/webmention-rocks-icon.png" width="80" class="u-photo" alt="Webmention Rocks!">
			      </a>
			    </div>
			    <div class="right">
			      <h1 class="p-name"><a href="/test/{num}">Discovery Test #{num}</a></h1>
			      <div class="e-content">{description}</div>
			      <div class="meta">
			        <a href="/test/{num}" class="u-url">
			          Published:
			          <time class="dt-published" datetime="{published}">{published}</time>
			        </a>
			      </div>
			    </div>
			  </div>
			  <div class="post-responses">
			    <div id="debug"></div>
			  </div>
			  <div class="post-footer">
			    <p>Responses are stored for 48 hours and may be deleted after that time.</p>
			  </div>
			</div>

			<div id="test-num" data-num="{num}"></div>
			<script src="/assets/streaming.js"></script>

			</body>
			</html>
			""";

	private final ServerSocket socket;

	private final String base;

	private final List<Case> cases;

	private final Set<String> keys = ConcurrentHashMap.newKeySet();

	private final List<Request> requests = new CopyOnWriteArrayList<>();

	private final Map<String, Function<Request, Reply>> routes = new ConcurrentHashMap<>();

	private StandInRocks(ServerSocket socket) {
		this.socket = socket;
		this.base = "http://127.0.0.1:" + socket.getLocalPort() + "/";
		this.cases = readCases();
		Thread acceptor = new Thread(this::accept, "stand-in-rocks");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	static StandInRocks start() {
		try {
			ServerSocket socket = new ServerSocket();
			socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 50);
			return new StandInRocks(socket);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The 23 tests. */
	List<Case> cases() {
		return this.cases;
	}

	URI uri(String path) {
		return URI.create(this.base + (path.startsWith("/") ? path.substring(1) : path));
	}

	/** The URL a test asks webmentions to be sent for. */
	URI target(Case test) {
		return uri((test.number() == 23) ? "test/23/page" : "test/" + test.number());
	}

	/** The endpoint a test expects its webmention at (for test 23, its prefix). */
	URI endpoint(Case test) {
		return uri(test.endpoint().replace("{key}", ""));
	}

	/** Every request received, in order. */
	List<Request> requests() {
		return List.copyOf(this.requests);
	}

	/** The webmentions (POSTs) received from one source. */
	List<Request> webmentionsFrom(String source) {
		return this.requests.stream()
			.filter((request) -> request.method().equals("POST") && source.equals(request.form().get("source")))
			.toList();
	}

	/** Adds a page or an endpoint: {@code "GET /path"} or {@code "POST /path"}. */
	StandInRocks route(String methodAndPath, Function<Request, Reply> reply) {
		this.routes.put(methodAndPath, reply);
		return this;
	}

	private List<Case> readCases() {
		try (InputStream in = StandInRocks.class.getResourceAsStream("/webmention-rocks/discovery-tests.json")) {
			JsonNode tests = JsonMapper.builder().build().readTree(in).get("tests");
			List<Case> all = new ArrayList<>();
			for (JsonNode test : tests) {
				List<String> headers = new ArrayList<>();
				test.get("linkHeaders").forEach((header) -> headers.add(withBase(header.asString())));
				all.add(new Case(test.get("number").asInt(), test.get("name").asString(),
						test.get("linkHeaderName").asString(), headers, withBase(test.get("linkTag").asString()),
						withBase(test.get("description").asString()), test.get("published").asString(),
						test.get("endpoint").asString()));
			}
			return List.copyOf(all);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private String withBase(String text) {
		return text.replace("{base}", this.base);
	}

	private Reply answer(Request request) {
		Function<Request, Reply> route = this.routes.get(request.method() + " " + request.path());
		if (route != null) {
			return route.apply(request);
		}
		String path = request.path();
		if (request.method().equals("GET")) {
			if (path.equals("/test/23/page")) {
				// DiscoveryTestController::redirect23
				return new Reply(302, List.of(Map.entry("Location", "page/" + newKey())), "text/html; charset=UTF-8",
						"");
			}
			if (path.startsWith("/test/23/page/") && !path.substring("/test/23/page/".length()).contains("/")) {
				// DiscoveryTestController::page23: each key works once
				if (!this.keys.remove(path.substring("/test/23/page/".length()))) {
					return new Reply(410, List.of(), "text/html; charset=UTF-8", "Code expired\n");
				}
				String key = newKey();
				return new Reply(200, List.of(Map.entry("Link", "<webmention-endpoint/" + key + ">; rel=webmention")),
						"text/html; charset=UTF-8",
						"<div class=\"h-entry\"><h2 class=\"p-name\">Discovery Test #23</h2><p><a href=\"/test/23/page\" class=\"u-url\">permalink</a> <a href=\"/\" class=\"p-author h-card\"><img src=\"/assets/webmention-rocks-icon.png\" alt=\"Webmention Rocks!\"></a></p><p><a rel=\"webmention\" href=\"webmention-endpoint/"
								+ key + "\">webmention endpoint</a></p></div>");
			}
			for (Case test : this.cases) {
				if (path.equals("/test/" + test.number()) && test.number() != 23) {
					return page(test);
				}
			}
			return new Reply(404, List.of(), "text/plain", "Test not found");
		}
		if (request.method().equals("POST")) {
			if (path.startsWith("/test/23/page/webmention-endpoint/")) {
				return this.keys.remove(path.substring("/test/23/page/webmention-endpoint/".length())) ? accepted()
						: refused("This key has expired");
			}
			if (path.endsWith("/error") || path.equals("/test/20")) {
				return refused("You sent the Webmention to the wrong endpoint");
			}
			if (path.startsWith("/test/")) {
				return accepted();
			}
		}
		return new Reply(404, List.of(), "text/plain", "Not found");
	}

	private Reply page(Case test) {
		List<Map.Entry<String, String>> headers = new ArrayList<>();
		test.linkHeaders().forEach((value) -> headers.add(Map.entry(test.linkHeaderName(), value)));
		String html = PAGE.replace("{link_tag}", test.linkTag())
			.replace("{description}", test.description())
			.replace("{published}", test.published())
			.replace("{num}", Integer.toString(test.number()));
		return new Reply(200, headers, "text/html; charset=UTF-8", html);
	}

	private String newKey() {
		String key = UUID.randomUUID().toString();
		this.keys.add(key);
		return key;
	}

	static Reply accepted() {
		return new Reply(202, List.of(), "text/plain", "Webmention accepted");
	}

	static Reply refused(String why) {
		return new Reply(400, List.of(), "text/plain", why);
	}

	/** A page advertising an endpoint in a {@code Link} header. */
	static Reply pageWithEndpoint(String endpoint) {
		return new Reply(200, List.of(Map.entry("Link", "<" + endpoint + ">; rel=\"webmention\"")),
				"text/html; charset=UTF-8", "<!doctype html><title>A page</title><p>A page.</p>");
	}

	private void accept() {
		while (!this.socket.isClosed()) {
			try {
				Socket connection = this.socket.accept();
				Thread handler = new Thread(() -> serve(connection), "stand-in-rocks-connection");
				handler.setDaemon(true);
				handler.start();
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private void serve(Socket connection) {
		try (connection) {
			Request request = read(connection.getInputStream());
			if (request == null) {
				return;
			}
			this.requests.add(request);
			answer(request).send(connection.getOutputStream());
		}
		catch (IOException ex) {
			// the client went away
		}
	}

	private static Request read(InputStream in) throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		int matched = 0;
		byte[] end = { '\r', '\n', '\r', '\n' };
		while (matched < 4) {
			int next = in.read();
			if (next < 0) {
				return null;
			}
			head.write(next);
			matched = (next == end[matched]) ? matched + 1 : ((next == '\r') ? 1 : 0);
		}
		String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
		String[] requestLine = lines[0].split(" ");
		Map<String, String> headers = new LinkedHashMap<>();
		for (int i = 1; i < lines.length; i++) {
			int colon = lines[i].indexOf(':');
			if (colon > 0) {
				headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
						lines[i].substring(colon + 1).strip());
			}
		}
		int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
		String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
		Map<String, String> form = new LinkedHashMap<>();
		if (headers.getOrDefault("content-type", "").startsWith("application/x-www-form-urlencoded")) {
			for (String pair : body.split("&")) {
				int equals = pair.indexOf('=');
				if (equals > 0) {
					form.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
							URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
				}
			}
		}
		String target = requestLine[1];
		int query = target.indexOf('?');
		return new Request(requestLine[0], (query >= 0) ? target.substring(0, query) : target,
				(query >= 0) ? target.substring(query + 1) : null, headers, body, form, Instant.now());
	}

	@Override
	public void close() {
		try {
			this.socket.close();
		}
		catch (IOException ex) {
			// closed
		}
	}

	/**
	 * One of webmention.rocks' discovery tests, as its DiscoveryTestData.php gives it.
	 *
	 * @param number its number
	 * @param name what it tests
	 * @param linkHeaderName the name its {@code Link} headers go out under
	 * @param linkHeaders its {@code Link} headers, each sent as a header of its own
	 * @param linkTag what it puts in the page's {@code <head>}
	 * @param description the post's content (HTML)
	 * @param published its date
	 * @param endpoint where it expects the webmention, relative to the site's root
	 */
	record Case(int number, String name, String linkHeaderName, List<String> linkHeaders, String linkTag,
			String description, String published, String endpoint) {

		@Override
		public String toString() {
			return "#" + this.number + " " + this.name;
		}

	}

	/**
	 * A request received.
	 *
	 * @param method GET or POST
	 * @param path its path, without the query
	 * @param query its query, or {@code null}
	 * @param headers its headers, names in lower case
	 * @param body its body
	 * @param form its form fields, when form-encoded
	 * @param at when it arrived
	 */
	record Request(String method, String path, String query, Map<String, String> headers, String body,
			Map<String, String> form, Instant at) {
	}

	/**
	 * An answer.
	 *
	 * @param status its status
	 * @param headers its headers beside Content-Type, Content-Length and Connection, sent
	 * as written, in order
	 * @param contentType its Content-Type
	 * @param body its body
	 */
	record Reply(int status, List<Map.Entry<String, String>> headers, String contentType, String body) {

		void send(OutputStream out) throws IOException {
			byte[] bytes = this.body.getBytes(StandardCharsets.UTF_8);
			StringBuilder head = new StringBuilder("HTTP/1.1 " + this.status + " Whatever\r\n");
			for (Map.Entry<String, String> header : this.headers) {
				head.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n");
			}
			head.append("Content-Type: ")
				.append(this.contentType)
				.append("\r\nContent-Length: ")
				.append(bytes.length)
				.append("\r\nConnection: close\r\n\r\n");
			out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
			out.write(bytes);
			out.flush();
		}

	}

}
