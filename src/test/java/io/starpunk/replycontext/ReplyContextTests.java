package io.starpunk.replycontext;

import java.io.StringReader;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import com.sun.net.httpserver.HttpServer;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import io.starpunk.jobs.JobQueue;
import io.starpunk.support.Microformats;
import io.starpunk.support.MicropubClient;
import io.starpunk.support.RunningServer;
import io.starpunk.support.Sqlite;
import io.starpunk.support.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reply contexts fetched as jobs from a stand-in site on a loopback address: a page with
 * an h-entry gives its name, author h-card and text; a page without microformats its
 * title and description; a page that is gone gives none; a server error is tried again.
 * What was fetched is kept, shown on the permalink as an h-cite inside the h-entry, and
 * in the feeds.
 */
class ReplyContextTests {

	private static final String TOKEN = "context-token-0123456789abcdef0123456789abcdef";

	private static final String SITE = "http://blog.test/";

	private static final String LONG_TEXT = "Words about tide pools and lighthouses. ".repeat(20);

	@TempDir
	static Path dataPath;

	static RunningServer server;

	static MicropubClient client;

	static HttpServer elsewhere;

	static String other;

	static final AtomicInteger failuresLeft = new AtomicInteger(1);

	@BeforeAll
	static void start() throws Exception {
		elsewhere = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		elsewhere.createContext("/", (exchange) -> {
			String path = exchange.getRequestURI().getPath();
			String body = switch (path) {
				case "/entry" ->
					"""
							<!doctype html><html><head><title>Site chrome</title></head><body>
							<article class="h-entry"><h1 class="p-name">On tide pools</h1>
							<span class="p-author h-card"><a class="u-url p-name" href="/ada">Ada Lovelace</a><img class="u-photo" src="/ada.jpg" alt=""></span>
							<div class="e-content"><p>%s</p></div>
							<div class="u-in-reply-to h-cite"><span class="p-name">Someone else's post</span></div>
							</article></body></html>"""
						.formatted(LONG_TEXT);
				case "/plain" -> """
						<!doctype html><html><head><title>A plain page</title>
						<meta name="description" content="Nothing but a description.">
						<meta name="author" content="Grace"></head><body><p>Hello</p></body></html>""";
				case "/flaky" -> (failuresLeft.getAndDecrement() > 0) ? null : """
						<!doctype html><html><head><title>Back again</title></head><body></body></html>""";
				default -> null;
			};
			if (body == null) {
				exchange.sendResponseHeaders(path.equals("/flaky") ? 503 : 404, -1);
				exchange.close();
				return;
			}
			byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
			exchange.sendResponseHeaders(200, bytes.length);
			exchange.getResponseBody().write(bytes);
			exchange.close();
		});
		elsewhere.start();
		other = "http://127.0.0.1:" + elsewhere.getAddress().getPort();
		server = RunningServer.start(dataPath, List.of(), "SITE_URL=" + SITE, "ADMIN_ME=https://owner.example/",
				"FETCH_ALLOW_PRIVATE=true", "starpunk.jobs.first-retry=200ms");
		TestTokens.insert(dataPath, TOKEN, "https://owner.example/", "create update delete");
		client = new MicropubClient(server);
		created(client.form(TOKEN, "h", "entry", "content", "Lovely", "in-reply-to", other + "/entry", "mp-slug",
				"reply"));
		created(client.form(TOKEN, "h", "entry", "like-of", other + "/plain", "mp-slug", "like"));
		created(client.form(TOKEN, "h", "entry", "bookmark-of", other + "/gone", "mp-slug", "bookmark"));
		created(client.form(TOKEN, "h", "entry", "repost-of", other + "/flaky", "mp-slug", "repost"));
		awaitIdle();
		// a second response to a page whose context is kept does not fetch it again
		created(client.form(TOKEN, "h", "entry", "content", "Again", "in-reply-to", other + "/entry", "mp-slug",
				"again"));
		awaitIdle();
	}

	@AfterAll
	static void stop() {
		server.close();
		elsewhere.stop(0);
	}

	@Test
	void anHEntryGivesItsNameAuthorAndAShortExcerpt() throws Exception {
		Map<String, String> row = context(other + "/entry");
		assertThat(row.get("title")).isEqualTo("On tide pools");
		assertThat(row.get("author_name")).isEqualTo("Ada Lovelace");
		assertThat(row.get("author_url")).isEqualTo(other + "/ada");
		assertThat(row.get("author_photo")).isEqualTo(other + "/ada.jpg");
		assertThat(row.get("excerpt")).startsWith("Words about tide pools").endsWith("…");
		assertThat(row.get("excerpt").length()).isLessThanOrEqualTo(ReplyContext.MAX_EXCERPT);
		// the page is also fetched to discover its webmention endpoint, once per reply;
		// its
		// context is fetched by one job only
		assertThat(Sqlite
			.rows(dataPath.resolve("starpunk.db"),
					"SELECT count(*) AS n FROM jobs WHERE kind = 'reply-context' AND json_extract(payload, '$.url') = '"
							+ other + "/entry'")
			.get(0)
			.get("n")).as("fetched once for two replies").isEqualTo("1");
	}

	@Test
	void aPageWithoutMicroformatsGivesItsTitleAndDescription() throws Exception {
		Map<String, String> row = context(other + "/plain");
		assertThat(row.get("title")).isEqualTo("A plain page");
		assertThat(row.get("excerpt")).isEqualTo("Nothing but a description.");
		assertThat(row.get("author_name")).isEqualTo("Grace");
	}

	@Test
	void aPageThatIsGoneIsDoneWithoutAContextAndAServerErrorIsTriedAgain() throws Exception {
		assertThat(Sqlite
			.rows(dataPath.resolve("starpunk.db"),
					"SELECT count(*) AS n FROM reply_contexts WHERE url = '" + other + "/gone'")
			.get(0)
			.get("n")).isEqualTo("0");
		List<Map<String, String>> jobs = Sqlite.rows(dataPath.resolve("starpunk.db"),
				"SELECT payload, state, result, attempts FROM jobs WHERE kind = 'reply-context'");
		assertThat(jobs).hasSize(4).allSatisfy((job) -> assertThat(job.get("state")).isEqualTo("done"));
		assertThat(jobs).anySatisfy((job) -> {
			assertThat(job.get("payload")).contains("/gone");
			assertThat(job.get("result")).contains("404");
		});
		assertThat(jobs).anySatisfy((job) -> {
			assertThat(job.get("payload")).contains("/flaky");
			assertThat(job.get("attempts")).isEqualTo("2");
		});
		assertThat(context(other + "/flaky").get("title")).isEqualTo("Back again");
	}

	@Test
	void thePermalinkShowsTheContextAsAnHCite() {
		HttpResponse<String> page = server.get("/notes/reply");
		JsonNode entry = Microformats.items(Microformats.parse(page.body(), SITE + "notes/reply"), "h-entry").get(0);
		List<JsonNode> cites = Microformats.embedded(entry, "in-reply-to");
		assertThat(cites).hasSize(1);
		JsonNode cite = cites.get(0);
		assertThat(Microformats.isA(cite, "h-cite")).isTrue();
		assertThat(cite.path("value").asString()).isEqualTo(other + "/entry");
		assertThat(Microformats.values(cite, "url")).containsExactly(other + "/entry");
		assertThat(Microformats.values(cite, "name")).containsExactly("On tide pools");
		JsonNode author = Microformats.embedded(cite, "author").get(0);
		assertThat(Microformats.values(author, "name")).containsExactly("Ada Lovelace");
		assertThat(Microformats.values(author, "url")).containsExactly(other + "/ada");
		assertThat(Microformats.values(cite, "content").get(0)).startsWith("Words about tide pools");
		assertThat(Microformats.values(entry, "content")).containsExactly("Lovely");
		assertThat(Microformats.values(entry, "name")).as("the cite's name is not the entry's").isEmpty();
		// a page with nothing to show keeps the plain link
		JsonNode bookmark = Microformats
			.items(Microformats.parse(server.get("/notes/bookmark").body(), SITE + "notes/bookmark"), "h-entry")
			.get(0);
		assertThat(Microformats.values(bookmark, "bookmark-of")).containsExactly(other + "/gone");
		assertThat(Jsoup.parse(server.get("/notes/like").body()).select(".h-entry .h-cite .p-name").text())
			.isEqualTo("A plain page");
	}

	@Test
	void theFeedsNameWhatEachNoteRespondsTo() throws Exception {
		for (String path : List.of("/feed.xml", "/feed.atom")) {
			SyndFeed feed = new SyndFeedInput().build(new StringReader(server.get(path).body()));
			SyndEntry reply = feed.getEntries()
				.stream()
				.filter((entry) -> entry.getLink().equals(SITE + "notes/reply"))
				.findFirst()
				.orElseThrow();
			String html = path.endsWith("atom") ? reply.getContents().get(0).getValue()
					: reply.getDescription().getValue();
			var link = Jsoup.parse(html).selectFirst("a[href=" + other + "/entry]");
			assertThat(link).as(path).isNotNull();
			assertThat(link.text()).isEqualTo("On tide pools");
			assertThat(link.parent().text()).startsWith("In reply to");
		}
	}

	private static Map<String, String> context(String url) throws Exception {
		List<Map<String, String>> rows = Sqlite.rows(dataPath.resolve("starpunk.db"),
				"SELECT title, author_name, author_url, author_photo, excerpt FROM reply_contexts WHERE url = '" + url
						+ "'");
		assertThat(rows).as(url).hasSize(1);
		return rows.get(0);
	}

	private static void awaitIdle() throws InterruptedException {
		JobQueue jobs = server.context().getBean(JobQueue.class);
		Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
		// the flaky page is tried again after its back-off
		while (!(jobs.idle() && jobs.counts().get("pending") == 0)) {
			assertThat(Instant.now()).as("the jobs ran within a minute").isBefore(deadline);
			Thread.sleep(200);
		}
	}

	private static void created(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
	}

}
