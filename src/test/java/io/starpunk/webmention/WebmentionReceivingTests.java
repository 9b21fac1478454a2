package io.starpunk.webmention;

import java.net.InetAddress;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.starpunk.http.HostLookup;
import io.starpunk.jobs.JobQueue;
import io.starpunk.notes.NoteService;
import io.starpunk.support.HtmlChecker;
import io.starpunk.support.Microformats;
import io.starpunk.support.OwnerClient;
import io.starpunk.support.RunningServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Receiving webmentions end to end, over real HTTP and a real SQLite file, with stand-in
 * source sites on 127.0.0.1 under {@code *.test} names
 * ({@code FETCH_ALLOW_PRIVATE=true}): the synchronous refusals, a reply verified,
 * moderated and shown under its note in microformats (read back with mf2py), likes,
 * reposts, bookmarks and mentions from a trusted domain shown at once, a source sent
 * again updating or removing its mention, and a blocked domain.
 */
class WebmentionReceivingTests {

	private static final String SITE = "http://blog.example/";

	private static final String NOTE = SITE + "notes/hello";

	@TempDir
	static Path dataPath;

	private static RunningServer server;

	private static SourceSite sources;

	private static JobQueue queue;

	private static JdbcClient jdbc;

	@BeforeAll
	static void start() {
		sources = SourceSite.start();
		server = RunningServer.start(dataPath, List.of(TestHosts.class), "SITE_URL=" + SITE, "FETCH_ALLOW_PRIVATE=true",
				"WEBMENTION_TRUSTED_DOMAINS=trusted.test", "ADMIN_PASSWORD=" + OwnerClient.PASSWORD,
				"starpunk.jobs.first-retry=200ms");
		NoteService notes = server.context().getBean(NoteService.class);
		notes.create("Hello, world of webmentions.", "hello", true);
		notes.create("Not yet.", "draft", false);
		queue = server.context().getBean(JobQueue.class);
		jdbc = server.context().getBean(JdbcClient.class);
	}

	@AfterAll
	static void stop() {
		server.close();
		sources.close();
	}

	@Test
	void theEndpointIsAdvertisedOnThePages() {
		HttpResponse<String> page = server.get("/notes/hello");
		assertThat(page.headers().allValues("Link"))
			.anyMatch((link) -> link.contains("<" + SITE + "webmention>; rel=\"webmention\""));
		assertThat(Jsoup.parse(page.body()).select("head link[rel=webmention]").attr("href"))
			.isEqualTo(SITE + "webmention");
	}

	@Test
	void whatCannotBeAMentionIsRefusedAtOnceWithAReason() {
		String source = sources.url("alice.test", "/nothing");
		assertRefused(Webmentions.post(server, "application/x-www-form-urlencoded", "source=" + source), "required");
		assertRefused(Webmentions.post(server, "application/json",
				"{\"source\":\"" + source + "\",\"target\":\"" + NOTE + "\"}"), "x-www-form-urlencoded");
		assertRefused(Webmentions.send(server, "ftp://alice.test/x", NOTE), "source");
		assertRefused(Webmentions.send(server, "not a url", NOTE), "source");
		assertRefused(Webmentions.send(server, source, "https://elsewhere.example/notes/hello"), "target");
		assertRefused(Webmentions.send(server, source, SITE + "notes/draft"), "target");
		assertRefused(Webmentions.send(server, source, SITE + "notes/no-such-note"), "target");
		assertRefused(Webmentions.send(server, NOTE + "#here", NOTE), "different");
		assertRefused(Webmentions.post(server, "application/x-www-form-urlencoded",
				"source=" + source + "&source=" + source + "&target=" + NOTE), "one source");
		assertThat(Webmentions
			.exchange(java.net.http.HttpRequest.newBuilder(server.uri("/webmention/requests/nope")).build())
			.statusCode()).isEqualTo(404);
		assertThat(jdbc.sql("SELECT count(*) FROM webmention_requests WHERE source LIKE '%nothing%'")
			.query(Integer.class)
			.single()).isZero();
	}

	@Test
	void aReplyIsVerifiedWaitsForTheOwnerAndThenShowsUnderTheNote() {
		sources.html("/reply",
				"""
						<html><body><article class="h-entry">
						<p>In reply to <a class="u-in-reply-to" href="%s">a note</a></p>
						<span class="p-author h-card"><a class="p-name u-url" href="/">Alice Example</a>
						<img class="u-photo" src="/alice.jpg" alt=""></span>
						<div class="e-content"><p>What a <strong>lovely</strong> note.</p><script>alert(1)</script></div>
						<a class="u-url" href="/reply"><time class="dt-published" datetime="2026-12-01T10:00:00Z">1 Dec</time></a>
						</article></body></html>"""
					.formatted(NOTE));
		String source = sources.url("alice.test", "/reply");
		HttpResponse<String> accepted = Webmentions.send(server, source, NOTE);
		assertThat(accepted.statusCode()).isEqualTo(202);
		assertThat(accepted.headers().firstValue("Location")).hasValueSatisfying(
				(location) -> assertThat(location).matches("http://blog\\.example/webmention/requests/[0-9a-f]{32}"));
		awaitQuiet();
		assertThat(Webmentions.status(server, accepted)).contains("state: verified");
		assertThat(comments()).as("not shown before the owner approves it").isEmpty();

		OwnerClient owner = OwnerClient.signIn(server, OwnerClient.PASSWORD);
		Document admin = Jsoup.parse(owner.get("/admin/mentions").body());
		Element pending = admin.selectFirst("li.mention[data-mention-status=pending]");
		assertThat(pending).isNotNull();
		assertThat(pending.attr("data-mention-kind")).isEqualTo("reply");
		assertThat(pending.text()).contains("Alice Example", "What a lovely note.", "/notes/hello");
		assertThat(pending.selectFirst("a.mention-source").attr("href")).isEqualTo(source);
		HttpResponse<String> approved = owner.post("/admin/mentions/" + pending.attr("data-mention-id") + "/approve",
				Map.of());
		assertThat(approved.statusCode()).isEqualTo(303);

		List<JsonNode> comments = comments();
		assertThat(comments).hasSize(1);
		JsonNode cite = comments.get(0);
		assertThat(Microformats.isA(cite, "h-cite")).isTrue();
		assertThat(Microformats.values(cite, "url")).containsExactly(source);
		JsonNode author = Microformats.embedded(cite, "author").get(0);
		assertThat(Microformats.isA(author, "h-card")).isTrue();
		assertThat(Microformats.values(author, "name")).containsExactly("Alice Example");
		assertThat(Microformats.values(author, "url")).containsExactly(sources.url("alice.test", "/"));
		assertThat(author.path("properties").path("photo").get(0).toString())
			.contains(sources.url("alice.test", "/alice.jpg"));
		JsonNode content = cite.path("properties").path("content").get(0);
		assertThat(content.path("html").asString()).contains("<strong>lovely</strong>").doesNotContain("script");
		assertThat(content.path("value").asString()).contains("What a lovely note.");
	}

	@Test
	void likesRepostsBookmarksAndMentionsFromATrustedDomainShowAtOnce() {
		String host = "bob.trusted.test";
		for (String kind : List.of("like-of", "repost-of", "bookmark-of")) {
			sources.html("/" + kind, """
					<div class="h-entry"><a class="p-author h-card" href="https://bob.trusted.test/">Bob</a>
					<a class="u-%s" href="%s">this</a></div>""".formatted(kind, NOTE));
		}
		sources.html("/mention", "<div class=\"h-entry\"><p class=\"e-content\">Have you read <a href=\"" + NOTE
				+ "\">this</a>?</p><a class=\"p-author h-card\" href=\"/\">Bob</a></div>");
		for (String path : List.of("/like-of", "/repost-of", "/bookmark-of", "/mention")) {
			assertThat(Webmentions.send(server, sources.url(host, path), NOTE).statusCode()).isEqualTo(202);
		}
		awaitQuiet();
		JsonNode entry = entry();
		for (String property : List.of("like", "repost", "bookmark", "mention")) {
			List<JsonNode> cites = Microformats.embedded(entry, property);
			assertThat(cites).as(property).hasSize(1);
			assertThat(Microformats.isA(cites.get(0), "h-cite")).isTrue();
			assertThat(Microformats.embedded(cites.get(0), "author")).as(property + " author").hasSize(1);
		}
		assertThat(Microformats.values(Microformats.embedded(entry, "like").get(0), "url"))
			.containsExactly(sources.url(host, "/like-of"));
		assertThat(Microformats.values(Microformats.embedded(entry, "mention").get(0), "content").get(0))
			.contains("Have you read this");
		List<HtmlChecker.Message> messages = HtmlChecker.check(server.get("/notes/hello").body());
		assertThat(messages).as("the Nu Html Checker on the note with its mentions")
			.noneMatch((message) -> message.kind() == HtmlChecker.Message.Kind.ERROR)
			.noneMatch((message) -> message.text().contains("lacks heading"));
	}

	@Test
	void aSourceSentAgainUpdatesItsMentionAndOneThatIsGoneOrUnlinkedRemovesIt() {
		String host = "carol.trusted.test";
		String gone = sources.url(host, "/gone");
		String unlinked = sources.url(host, "/unlinked");
		sources.html("/gone", reply("First words."));
		sources.html("/unlinked", reply("Linked words."));
		Webmentions.send(server, gone, NOTE);
		Webmentions.send(server, unlinked, NOTE);
		awaitQuiet();
		assertThat(contentsOfComments()).contains("First words.", "Linked words.");

		sources.html("/gone", reply("Second words."));
		Webmentions.send(server, gone, NOTE);
		awaitQuiet();
		assertThat(contentsOfComments()).contains("Second words.").doesNotContain("First words.");
		assertThat(jdbc.sql("SELECT count(*) FROM mentions WHERE source = ?").param(gone).query(Integer.class).single())
			.isEqualTo(1);

		sources.status("/gone", 410);
		HttpResponse<String> removed = Webmentions.send(server, gone, NOTE);
		sources.html("/unlinked", "<div class=\"h-entry\"><p class=\"e-content\">No link now.</p></div>");
		Webmentions.send(server, unlinked, NOTE);
		awaitQuiet();
		assertThat(Webmentions.status(server, removed)).contains("state: removed", "410");
		assertThat(contentsOfComments()).doesNotContain("Second words.", "Linked words.");
		assertThat(jdbc.sql("SELECT count(*) FROM mentions WHERE source_host = ?")
			.param(host)
			.query(Integer.class)
			.single()).isZero();
	}

	@Test
	void aBlockedDomainLosesItsMentionsAndIsRefusedFromThenOn() {
		sources.html("/spam", reply("Buy things."));
		Webmentions.send(server, sources.url("spam.test", "/spam"), NOTE);
		awaitQuiet();
		assertThat(
				jdbc.sql("SELECT count(*) FROM mentions WHERE source_host = 'spam.test'").query(Integer.class).single())
			.isEqualTo(1);
		OwnerClient owner = OwnerClient.signIn(server, OwnerClient.PASSWORD);
		assertThat(owner.postWithoutCsrf("/admin/mentions/block", Map.of("domain", "spam.test")).statusCode())
			.as("no CSRF token, no block")
			.isEqualTo(403);
		assertThat(owner.post("/admin/mentions/block", Map.of("domain", "spam.test")).statusCode()).isEqualTo(303);
		assertThat(
				jdbc.sql("SELECT count(*) FROM mentions WHERE source_host = 'spam.test'").query(Integer.class).single())
			.isZero();
		assertThat(Jsoup.parse(owner.get("/admin/mentions").body()).select(".blocked-domain").eachText())
			.contains("spam.test");
		assertRefused(Webmentions.send(server, sources.url("spam.test", "/spam"), NOTE), "not accepted");
		assertRefused(Webmentions.send(server, sources.url("more.spam.test", "/spam"), NOTE), "not accepted");
		assertThat(owner.post("/admin/mentions/block", Map.of("domain", "not a domain")).statusCode()).isEqualTo(400);
	}

	private static String reply(String words) {
		return """
				<div class="h-entry"><a class="p-author h-card" href="/">Carol</a>
				<a class="u-in-reply-to" href="%s">re</a><p class="e-content">%s</p></div>""".formatted(NOTE, words);
	}

	private static void assertRefused(HttpResponse<String> response, String reason) {
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
		assertThat(response.body()).contains("\"error\":\"invalid_request\"").contains(reason);
	}

	private static void awaitQuiet() {
		await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(queue::idle);
	}

	private static JsonNode entry() {
		HttpResponse<String> page = server.get("/notes/hello");
		assertThat(page.statusCode()).isEqualTo(200);
		List<JsonNode> entries = Microformats.items(Microformats.parse(page.body(), NOTE), "h-entry");
		assertThat(entries).hasSize(1);
		return entries.get(0);
	}

	private static List<JsonNode> comments() {
		return Microformats.embedded(entry(), "comment");
	}

	private static List<String> contentsOfComments() {
		return comments().stream().flatMap((cite) -> Microformats.values(cite, "content").stream()).toList();
	}

	/** Every {@code *.test} name is the stand-in site on 127.0.0.1. */
	@Configuration(proxyBeanMethods = false)
	static class TestHosts {

		@Bean
		HostLookup testHosts() {
			return (host) -> host.endsWith(".test") ? new InetAddress[] { InetAddress.getByName("127.0.0.1") }
					: InetAddress.getAllByName(host);
		}

	}

}
