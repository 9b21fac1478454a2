package io.starpunk.rendered;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import io.starpunk.notes.NewNote;
import io.starpunk.notes.Note;
import io.starpunk.notes.NoteProperties;
import io.starpunk.notes.NoteService;
import io.starpunk.support.RunningServer;
import io.starpunk.support.Sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The public pages and feeds as a client meets them: the same bytes each time, gzip when
 * asked for, 304 for a current copy, and every change to the notes on the next request:
 * through the app, by another process on the database, and by hand in a note's file. A
 * render that fails is answered with the last good bytes and tried again.
 */
@ExtendWith(OutputCaptureExtension.class)
class RenderedPagesServedTests {

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static final List<String> PAGES = List.of("/", "/notes/first-note", "/tags", "/tags/coffee", "/feed.xml",
			"/feed.atom", "/feed.json", "/tags/coffee/feed.xml", "/tags/coffee/feed.atom", "/tags/coffee/feed.json");

	@TempDir
	static Path temp;

	private static RunningServer server;

	private static NoteService notes;

	@BeforeAll
	static void start() {
		server = RunningServer.start(temp.resolve("data"), List.of(FailingRenders.class),
				"SITE_URL=https://blog.example/", "SITE_NAME=Rendered");
		notes = server.context().getBean(NoteService.class);
		notes.create("First note", "first-note", true);
		notes.create("Second note", "second-note", true);
		notes.create(new NewNote("A tagged note", "tagged-note", true, null,
				NoteProperties.NONE.withCategories(List.of("coffee"))));
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@Test
	void everyPageIsTheSameBytesWithAStrongETagLastModifiedAndVary() throws Exception {
		for (String path : PAGES) {
			HttpResponse<byte[]> first = get(path);
			HttpResponse<byte[]> second = get(path);
			assertThat(first.statusCode()).as(path).isEqualTo(200);
			assertThat(second.body()).as(path).isEqualTo(first.body());
			String etag = first.headers().firstValue("ETag").orElseThrow();
			assertThat(etag).as(path).matches("\"[0-9a-f]{64}\"");
			assertThat(second.headers().firstValue("ETag")).as(path).contains(etag);
			assertThat(first.headers().firstValue("Last-Modified").orElseThrow()).as(path)
				.matches("[A-Z][a-z]{2}, \\d\\d [A-Z][a-z]{2} \\d{4} \\d\\d:\\d\\d:\\d\\d GMT");
			assertThat(first.headers().firstValue("Vary")).as(path).contains("Accept-Encoding");
			assertThat(first.headers().firstValue("Content-Length")).as(path)
				.contains(String.valueOf(first.body().length));
			assertThat(first.headers().firstValue("Content-Security-Policy")).as(path).isPresent();
			assertThat(first.headers().firstValue("X-Content-Type-Options")).as(path).contains("nosniff");
			assertThat(first.headers().firstValue("Set-Cookie")).as(path).isEmpty();
		}
		assertThat(get("/").headers().firstValue("Content-Type")).contains("text/html;charset=UTF-8");
		assertThat(get("/").headers().firstValue("Link").orElseThrow()).contains("rel=\"micropub\"");
		assertThat(get("/feed.xml").headers().firstValue("Content-Type").orElseThrow())
			.startsWith("application/rss+xml");
		assertThat(get("/feed.xml").headers().firstValue("Cache-Control").orElseThrow()).contains("max-age=");
		assertThat(get("/").headers().firstValue("Cache-Control")).contains("no-cache");
	}

	@Test
	void gzipIsChosenByAcceptEncodingAndIsTheSameBytesCompressed() throws Exception {
		for (String path : PAGES) {
			HttpResponse<byte[]> plain = get(path);
			HttpResponse<byte[]> gzipped = get(path, "Accept-Encoding", "br;q=1.0, gzip;q=0.8, *;q=0.1");
			assertThat(gzipped.headers().firstValue("Content-Encoding")).as(path).contains("gzip");
			assertThat(gunzip(gzipped.body())).as(path).isEqualTo(plain.body());
			assertThat(gzipped.body().length).as(path).isLessThan(plain.body().length);
			assertThat(gzipped.headers().firstValue("ETag")).as(path).isNotEqualTo(plain.headers().firstValue("ETag"));
			assertThat(gzipped.headers().firstValue("Vary")).as(path).contains("Accept-Encoding");
		}
		assertThat(get("/", "Accept-Encoding", "gzip;q=0, identity").headers().firstValue("Content-Encoding"))
			.isEmpty();
		assertThat(get("/", "Accept-Encoding", "*").headers().firstValue("Content-Encoding")).contains("gzip");
	}

	@Test
	void aCurrentCopyIsAnswered304ByETagOrDate() throws Exception {
		HttpResponse<byte[]> page = get("/feed.atom");
		String etag = page.headers().firstValue("ETag").orElseThrow();
		String lastModified = page.headers().firstValue("Last-Modified").orElseThrow();
		String gzipEtag = get("/feed.atom", "Accept-Encoding", "gzip").headers().firstValue("ETag").orElseThrow();
		HttpResponse<byte[]> notModified = get("/feed.atom", "If-None-Match", etag);
		assertThat(notModified.statusCode()).isEqualTo(304);
		assertThat(notModified.body()).isEmpty();
		assertThat(notModified.headers().firstValue("ETag")).contains(etag);
		assertThat(get("/feed.atom", "If-None-Match", "W/" + etag).statusCode()).isEqualTo(304);
		assertThat(get("/feed.atom", "If-None-Match", "\"other\", " + gzipEtag).statusCode()).isEqualTo(304);
		assertThat(get("/feed.atom", "If-None-Match", "\"other\"").statusCode()).isEqualTo(200);
		assertThat(get("/feed.atom", "If-Modified-Since", lastModified).statusCode()).isEqualTo(304);
		assertThat(get("/feed.atom", "If-Modified-Since", "Sat, 01 Jan 2000 00:00:00 GMT").statusCode()).isEqualTo(200);
		assertThat(get("/feed.atom", "If-Modified-Since", "not a date").statusCode()).isEqualTo(200);
		// If-None-Match wins over If-Modified-Since
		assertThat(get("/feed.atom", "If-None-Match", "\"other\"", "If-Modified-Since", lastModified).statusCode())
			.isEqualTo(200);
	}

	@Test
	void headIsAnsweredWithTheHeadersOfGet() throws Exception {
		HttpResponse<byte[]> get = get("/notes/first-note");
		HttpResponse<byte[]> head = http.send(HttpRequest.newBuilder(server.uri("/notes/first-note"))
			.method("HEAD", HttpRequest.BodyPublishers.noBody())
			.build(), HttpResponse.BodyHandlers.ofByteArray());
		assertThat(head.statusCode()).isEqualTo(200);
		assertThat(head.body()).isEmpty();
		assertThat(head.headers().firstValue("ETag")).isEqualTo(get.headers().firstValue("ETag"));
		assertThat(head.headers().firstValue("Content-Length")).contains(String.valueOf(get.body().length));
	}

	@Test
	void aChangeThroughTheAppIsOnTheNextRequest() throws Exception {
		for (String path : PAGES) {
			get(path);
		}
		Note added = notes.create(
				new NewNote("Added just now", null, true, null, NoteProperties.NONE.withCategories(List.of("coffee"))));
		assertThat(text("/")).contains("Added just now");
		assertThat(text("/tags/coffee")).contains("Added just now");
		assertThat(text("/feed.xml")).contains("Added just now");
		assertThat(text("/feed.json")).contains("Added just now");
		assertThat(text("/tags/coffee/feed.atom")).contains("Added just now");
		notes.delete(added.id());
		assertThat(text("/")).doesNotContain("Added just now");
		assertThat(text("/feed.atom")).doesNotContain("Added just now");
		assertThat(get("/notes/" + added.slug()).statusCode()).isEqualTo(410);
	}

	@Test
	void aPageThatWasMissingIsNotKeptMissing() throws Exception {
		assertThat(get("/notes/later-note").statusCode()).isEqualTo(404);
		assertThat(get("/tags/tea").statusCode()).isEqualTo(404);
		notes.create(new NewNote("A later note", "later-note", true, null,
				NoteProperties.NONE.withCategories(List.of("tea"))));
		assertThat(get("/notes/later-note").statusCode()).isEqualTo(200);
		assertThat(get("/tags/tea").statusCode()).isEqualTo(200);
	}

	@Test
	void aChangeByAnotherProcessOnTheDatabaseIsSeenWithinTenSeconds() throws Exception {
		Note note = notes.create("Soon retitled by another process", "other-process", true);
		assertThat(text("/")).contains("/notes/other-process");
		assertThat(text("/feed.json")).contains("/notes/other-process");
		Sqlite.execute(temp.resolve("data/starpunk.db"),
				"UPDATE notes SET deleted_at = '2026-01-01 00:00:00' WHERE id = " + note.id());
		await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
			assertThat(text("/")).doesNotContain("/notes/other-process");
			assertThat(text("/feed.json")).doesNotContain("/notes/other-process");
		});
		assertThat(get("/notes/other-process").statusCode()).isEqualTo(410);
	}

	@Test
	void aNoteFileEditedByHandIsSeenWithinSixtySeconds() throws Exception {
		Note note = notes.create("Written in the app", "hand-edited", true);
		assertThat(text("/notes/hand-edited")).contains("Written in the app");
		Files.writeString(temp.resolve("data").resolve(note.filePath()), "Changed by hand in an editor\n");
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
			assertThat(text("/notes/hand-edited")).contains("Changed by hand in an editor");
			assertThat(text("/")).contains("Changed by hand in an editor");
		});
	}

	@Test
	void aFailedRenderServesTheLastGoodBytesLogsOnceAndIsTriedAgain(CapturedOutput output) throws Exception {
		notes.create("Before the failure", "before-failure", true);
		HttpResponse<byte[]> good = get("/");
		assertThat(good.statusCode()).isEqualTo(200);
		FailingRenders.failing.set(true);
		try {
			notes.create("Made while renders fail", "during-failure", true);
			for (int i = 0; i < 3; i++) {
				HttpResponse<byte[]> meanwhile = get("/");
				assertThat(meanwhile.statusCode()).isEqualTo(200);
				assertThat(meanwhile.body()).isEqualTo(good.body());
			}
			assertThat(output.getOut().split("The page / could not be rendered", -1)).hasSize(2);
			// a page with no good bytes yet answers the failure as it is, not kept
			assertThat(get("/notes/during-failure").statusCode()).isEqualTo(500);
		}
		finally {
			FailingRenders.failing.set(false);
		}
		HttpResponse<byte[]> recovered = get("/");
		assertThat(recovered.statusCode()).isEqualTo(200);
		assertThat(new String(recovered.body(), StandardCharsets.UTF_8)).contains("Made while renders fail");
		assertThat(output.getOut()).contains("The page / renders again");
		assertThat(get("/notes/during-failure").statusCode()).isEqualTo(200);
	}

	/**
	 * Makes every render of a page fail while {@link #failing} is set: an exception in
	 * the middle of Spring MVC's handling, as a bug or a broken database would throw.
	 */
	@Configuration(proxyBeanMethods = false)
	static class FailingRenders implements WebMvcConfigurer {

		static final AtomicBoolean failing = new AtomicBoolean();

		@Override
		public void addInterceptors(InterceptorRegistry registry) {
			registry.addInterceptor(new HandlerInterceptor() {
				@Override
				public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
					if (failing.get()) {
						throw new IllegalStateException("A render failed on purpose");
					}
					return true;
				}
			});
		}

	}

	@Test
	void otherQueriesAndMethodsAreNotServedFromTheRenderedPages() throws Exception {
		HttpResponse<byte[]> odd = get("/?utm_source=somewhere");
		assertThat(odd.statusCode()).isEqualTo(200);
		assertThat(odd.headers().firstValue("Vary")).isEmpty();
		HttpResponse<byte[]> badPage = get("/?before=not-a-token");
		assertThat(badPage.statusCode()).isEqualTo(400);
		HttpResponse<byte[]> post = http.send(
				HttpRequest.newBuilder(server.uri("/")).POST(HttpRequest.BodyPublishers.ofString("x=1")).build(),
				HttpResponse.BodyHandlers.ofByteArray());
		assertThat(post.statusCode()).isGreaterThanOrEqualTo(400).isLessThan(500);
	}

	private static String text(String path) throws IOException, InterruptedException {
		HttpResponse<byte[]> response = get(path);
		assertThat(response.statusCode()).as(path).isEqualTo(200);
		return new String(response.body(), StandardCharsets.UTF_8);
	}

	private static HttpResponse<byte[]> get(String path, String... headers) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path)).timeout(Duration.ofSeconds(20)).GET();
		if (headers.length > 0) {
			request.headers(headers);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	private static byte[] gunzip(byte[] bytes) throws IOException {
		try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
			return in.readAllBytes();
		}
	}

}
