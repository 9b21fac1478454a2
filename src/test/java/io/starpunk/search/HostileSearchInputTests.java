package io.starpunk.search;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.starpunk.notes.NoteService;
import io.starpunk.notes.Notes;
import io.starpunk.support.OwnerClient;
import io.starpunk.support.RunningServer;

import static io.starpunk.search.SearchChecks.encode;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever a person types into a search box, FTS5 syntax or junk, the answer is a result
 * (200) or a clear refusal (400) in the endpoint's own format, never a 500.
 */
class HostileSearchInputTests {

	/** Typed queries, sent percent-encoded. */
	static final List<String> TYPED = List.of("\"unbalanced", "AND", "OR", "NOT", "*", "NEAR(", "NEAR(a b", "-", ":",
			"title:x", "a:b", "^x", "(", ")", "{x}", "'", "\\", "%", "_", "🎉", "🎉 emoji", "x".repeat(1_000),
			"a ".repeat(500), "\u0000", "nul\u0000byte", "a AND b OR NOT c", "\"a\" NEAR(\"b\" \"c\", 2)",
			"content:secret", "rowid:1", "' OR 1=1 --", "x\" OR \"1\"=\"1", "a* *b", "\"\"\"", "\uE000hidden\uE001",
			"\uD800", "café AND NOT naïve", "日本語");

	/** Query strings that are not valid percent-encoding, sent as they are. */
	static final List<String> RAW = List.of("q=%", "q=%zz", "q=%E9", "q=%FF%FE", "q=%C0%AF", "q=%%", "q=abc%2");

	@TempDir
	static Path temp;

	private static RunningServer server;

	private static OwnerClient owner;

	@BeforeAll
	static void start() {
		server = RunningServer.start(temp, List.of(), SearchChecks.PROPERTIES);
		NoteService noteService = server.context().getBean(NoteService.class);
		Notes notes = server.context().getBean(Notes.class);
		noteService.create("A public note: AND OR NOT NEAR title content, café naïve 日本語.", null, true);
		noteService.create("A draft: secret words", null, false);
		owner = OwnerClient.signIn(server, OwnerClient.PASSWORD);
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@Test
	void answersEveryTypedQueryWith200Or400InTheEndpointsFormat() {
		List<String> problems = new ArrayList<>();
		for (String typed : TYPED) {
			String q = encode(typed);
			check(problems, "/search?q=" + q, server.get("/search?q=" + q), "text/html;charset=UTF-8");
			check(problems, "/search?q=" + q + "&page=2", server.get("/search?q=" + q + "&page=2"),
					"text/html;charset=UTF-8");
			check(problems, "/api/search?q=" + q, server.get("/api/search?q=" + q), "application/json");
			check(problems, "/api/search?q=" + q + "&limit=" + q + "&offset=" + q,
					server.get("/api/search?q=" + q + "&limit=" + q + "&offset=" + q), "application/json");
			check(problems, "/admin/search?q=" + q, owner.get("/admin/search?q=" + q), "text/html;charset=UTF-8");
		}
		assertThat(problems).isEmpty();
	}

	@Test
	void neverShowsVisitorsADraftWhateverTheyType() {
		for (String typed : List.of("secret", "content:secret", "secret OR public", "draft secret",
				"\"secret words\"")) {
			assertThat(SearchChecks.assertSitePage(server.get("/search?q=" + encode(typed)), 200).select(".h-entry"))
				.as(typed)
				.isEmpty();
			assertThat(server.get("/api/search?q=" + encode(typed)).body()).as(typed).contains("\"total\":0");
		}
		assertThat(owner.get("/admin/search?q=secret").body()).contains("<mark>secret</mark> words");
	}

	@Test
	void refusesUndecodableQueryStringsWith400() throws IOException {
		List<String> problems = new ArrayList<>();
		String session = "starpunk_session=" + owner.sessionCookie().orElseThrow();
		for (String query : RAW) {
			Raw page = raw("/search?" + query, null);
			Raw api = raw("/api/search?" + query, null);
			Raw admin = raw("/admin/search?" + query, session);
			if (page.status() != 400 || !page.type().startsWith("text/")) {
				problems.add("/search?" + query + " -> " + page.status() + " " + page.type());
			}
			if (api.status() != 400 || !api.type().equals("application/json")
					|| !api.body().contains("\"invalid_request\"")) {
				problems.add("/api/search?" + query + " -> " + api.status() + " " + api.type());
			}
			if (admin.status() != 400) {
				problems.add("/admin/search?" + query + " -> " + admin.status() + " " + admin.type());
			}
			for (Raw answer : List.of(page, api, admin)) {
				if (answer.body().contains("Exception")) {
					problems.add(query + ": " + answer.body());
				}
			}
		}
		assertThat(problems).isEmpty();
	}

	/**
	 * A request line over Tomcat's 8 KB header limit is refused by Tomcat itself, before
	 * any filter: a short HTML 400 without the server's insides, whatever the endpoint.
	 */
	@Test
	void refusesAQueryLongerThanTheServerReadsWith400() throws IOException {
		String q = "x".repeat(10_000);
		for (String path : List.of("/search?q=", "/api/search?q=")) {
			Raw answer = raw(path + q, null);
			assertThat(answer.status()).isEqualTo(400);
			assertThat(answer.body()).doesNotContain("Exception", "\tat ", "org.apache");
		}
	}

	private static void check(List<String> problems, String path, HttpResponse<String> response, String type) {
		int status = response.statusCode();
		String actualType = response.headers().firstValue("Content-Type").orElse("");
		if ((status != 200 && status != 400) || !actualType.equals(type) || response.body().contains("Exception")
				|| response.body().contains("\tat ")) {
			problems.add(path.substring(0, Math.min(path.length(), 80)) + " -> " + status + " " + actualType);
		}
	}

	/** A GET sent byte for byte, for a query string no URI class would accept. */
	private static Raw raw(String target, String cookie) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", server.uri("/").getPort())) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			String request = "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
					+ ((cookie != null) ? "Cookie: " + cookie + "\r\n" : "") + "Connection: close\r\n\r\n";
			out.write(request.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			InputStream in = socket.getInputStream();
			ByteArrayOutputStream all = new ByteArrayOutputStream();
			in.transferTo(all);
			String answer = all.toString(StandardCharsets.UTF_8);
			int status = Integer.parseInt(answer.substring(9, 12));
			String type = answer.lines()
				.takeWhile((line) -> !line.isEmpty())
				.filter((line) -> line.toLowerCase(Locale.ROOT).startsWith("content-type:"))
				.map((line) -> line.substring("content-type:".length()).strip())
				.findFirst()
				.orElse("");
			int body = answer.indexOf("\r\n\r\n");
			return new Raw(status, type, (body >= 0) ? answer.substring(body + 4) : "");
		}
	}

	private record Raw(int status, String type, String body) {
	}

}
