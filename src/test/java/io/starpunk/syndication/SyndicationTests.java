package io.starpunk.syndication;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;

import io.starpunk.jobs.JobQueue;
import io.starpunk.support.JsonErrors;
import io.starpunk.support.Microformats;
import io.starpunk.support.MicropubClient;
import io.starpunk.support.OwnerClient;
import io.starpunk.support.RunningServer;
import io.starpunk.support.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Syndication on a real server, a real SQLite file and stand-ins of the other sites on
 * 127.0.0.1: {@code q=syndicate-to} and {@code q=config} list the targets; a note created
 * with {@code mp-syndicate-to} is posted to a Micropub endpoint, Mastodon and Bluesky as
 * each expects it, and the copy's URL comes back in {@code q=source} and as
 * {@code u-syndication} on the page; a target that fails once is tried again; one that
 * refuses shows on {@code /admin/jobs} with its own message, never with the token.
 */
class SyndicationTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final String TOKEN = "syndication-test-token";

	@TempDir
	static Path dataPath;

	private static StandInTargets targets;

	private static RunningServer server;

	private static MicropubClient micropub;

	@BeforeAll
	static void start() throws Exception {
		targets = new StandInTargets();
		server = RunningServer.start(dataPath, List.of(), "SITE_URL=http://blog.test/",
				"ADMIN_ME=https://owner.example/", "FETCH_ALLOW_PRIVATE=true", "SYNDICATE_TO=" + targets.syndicateTo(),
				"JOB_MAX_ATTEMPTS=3", "starpunk.jobs.first-retry=200ms", "ADMIN_PASSWORD=" + OwnerClient.PASSWORD);
		TestTokens.insert(dataPath, TOKEN, "https://owner.example/", "create update draft");
		micropub = new MicropubClient(server);
	}

	@AfterAll
	static void stop() {
		server.close();
		targets.close();
	}

	@Test
	void syndicateToAndConfigListTheTargetsByUidAndName() {
		for (String query : List.of("syndicate-to", "config")) {
			JsonNode answer = json.readTree(micropub.get("/micropub?q=" + query, TOKEN).body());
			List<String> uids = answer.path("syndicate-to").valueStream().map((t) -> t.path("uid").asString()).toList();
			assertThat(uids).containsExactly("https://micropub.test/", "https://mastodon.test/@me",
					"https://bsky.app/profile/me.bsky.test", "https://flaky.test/", "https://refusing.test/@me");
			assertThat(answer.path("syndicate-to").get(1).path("name").asString()).isEqualTo("Mastodon");
			assertThat(answer.path("syndicate-to").toString()).doesNotContain(StandInTargets.MASTODON_TOKEN)
				.doesNotContain(StandInTargets.BLUESKY_PASSWORD)
				.doesNotContain("127.0.0.1");
		}
	}

	@Test
	void aMicropubTargetGetsAFormCreateWithTheTextAndPermalink() {
		HttpResponse<String> created = micropub.form(TOKEN, "h", "entry", "content", "Hello from the form",
				"mp-syndicate-to", "https://micropub.test/");
		assertThat(created.statusCode()).isEqualTo(201);
		String permalink = created.headers().firstValue("Location").orElseThrow();
		StandInTargets.Recorded request = await().atMost(Duration.ofSeconds(30))
			.until(() -> posted("/micropub", permalink), (found) -> found != null);
		assertThat(request.method()).isEqualTo("POST");
		assertThat(request.authorization()).isEqualTo("Bearer " + StandInTargets.MICROPUB_TOKEN);
		assertThat(request.contentType()).startsWith("application/x-www-form-urlencoded");
		assertThat(request.form().get("h")).containsExactly("entry");
		assertThat(request.form().get("content")).containsExactly("Hello from the form\n\n" + permalink);
		String copy = awaitSyndication(permalink);
		assertThat(copy).startsWith(targets.base() + "/posts/");
		assertThat(pageSyndication(permalink)).containsExactly(copy);
	}

	@Test
	void aMastodonTargetGetsAStatusOfAtMost500CharactersWithThePermalink() {
		String text = "Ünïcödé wörds 🎉 ".repeat(60).strip();
		HttpResponse<String> created = micropub.json(TOKEN,
				"""
						{"type": ["h-entry"], "properties": {"content": ["%s"], "mp-syndicate-to": ["https://mastodon.test/@me"]}}
						"""
					.formatted(text));
		assertThat(created.statusCode()).isEqualTo(201);
		String permalink = created.headers().firstValue("Location").orElseThrow();
		StandInTargets.Recorded request = await().atMost(Duration.ofSeconds(30))
			.until(() -> posted("/mastodon/api/v1/statuses", permalink), (found) -> found != null);
		assertThat(request.authorization()).isEqualTo("Bearer " + StandInTargets.MASTODON_TOKEN);
		assertThat(request.idempotencyKey()).isNotBlank();
		String status = request.form().get("status").get(0);
		assertThat(status.codePointCount(0, status.length())).isLessThanOrEqualTo(500);
		assertThat(status).endsWith("…\n\n" + permalink).startsWith("Ünïcödé wörds 🎉 Ünïcödé");
		// cut on a word boundary: what is left of the text ends with a whole word
		String kept = status.substring(0, status.indexOf("…"));
		assertThat(text).startsWith(kept);
		assertThat(Character.isWhitespace(text.charAt(kept.length()))).isTrue();
		String copy = awaitSyndication(permalink);
		assertThat(copy).startsWith("https://mastodon.test/@me/");
		assertThat(pageSyndication(permalink)).containsExactly(copy);
	}

	@Test
	void aBlueskyTargetGetsASessionThenAPostWithThePermalinkAsALinkFacet() {
		String text = "Grüße aus Köln — 日本語のテキスト 👩‍👩‍👧‍👦 ".repeat(20).strip();
		HttpResponse<String> created = micropub.form(TOKEN, "h", "entry", "content", text, "mp-syndicate-to[]",
				"https://bsky.app/profile/me.bsky.test");
		assertThat(created.statusCode()).isEqualTo(201);
		String permalink = created.headers().firstValue("Location").orElseThrow();
		StandInTargets.Recorded record = await().atMost(Duration.ofSeconds(30))
			.until(() -> posted("/bsky/xrpc/com.atproto.repo.createRecord", permalink), (found) -> found != null);
		StandInTargets.Recorded session = targets.to("/bsky/xrpc/com.atproto.server.createSession").get(0);
		assertThat(session.contentType()).startsWith("application/json");
		assertThat(session.json().path("identifier").asString()).isEqualTo(StandInTargets.BLUESKY_HANDLE);
		assertThat(record.authorization()).isEqualTo("Bearer " + StandInTargets.BLUESKY_JWT);
		JsonNode body = record.json();
		assertThat(body.path("repo").asString()).isEqualTo(StandInTargets.BLUESKY_DID);
		assertThat(body.path("collection").asString()).isEqualTo("app.bsky.feed.post");
		JsonNode post = body.path("record");
		assertThat(post.path("$type").asString()).isEqualTo("app.bsky.feed.post");
		assertThat(post.path("createdAt").asString()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
		String sent = post.path("text").asString();
		assertThat(graphemes(sent)).isLessThanOrEqualTo(300);
		assertThat(sent).startsWith("Grüße aus Köln").endsWith("…\n\n" + permalink);
		JsonNode facet = post.path("facets").get(0);
		byte[] bytes = sent.getBytes(StandardCharsets.UTF_8);
		int start = facet.path("index").path("byteStart").asInt();
		int end = facet.path("index").path("byteEnd").asInt();
		assertThat(new String(Arrays.copyOfRange(bytes, start, end), StandardCharsets.UTF_8)).isEqualTo(permalink);
		assertThat(end).isEqualTo(bytes.length);
		assertThat(facet.path("features").get(0).path("$type").asString()).isEqualTo("app.bsky.richtext.facet#link");
		assertThat(facet.path("features").get(0).path("uri").asString()).isEqualTo(permalink);
		String copy = awaitSyndication(permalink);
		assertThat(copy).matches("https://bsky\\.app/profile/" + StandInTargets.BLUESKY_DID + "/post/3kxyzrkey\\d+");
		assertThat(pageSyndication(permalink)).containsExactly(copy);
	}

	@Test
	void anUpdateWithMpSyndicateToSyndicatesTheNote() {
		HttpResponse<String> created = micropub.form(TOKEN, "h", "entry", "content", "Written first, shared later");
		String permalink = created.headers().firstValue("Location").orElseThrow();
		HttpResponse<String> updated = micropub.json(TOKEN, """
				{"action": "update", "url": "%s", "replace": {"content": ["Shared now"]},
				 "mp-syndicate-to": "https://micropub.test/"}
				""".formatted(permalink));
		assertThat(updated.statusCode()).isEqualTo(204);
		StandInTargets.Recorded request = await().atMost(Duration.ofSeconds(30))
			.until(() -> posted("/micropub", permalink), (found) -> found != null);
		assertThat(request.form().get("content")).containsExactly("Shared now\n\n" + permalink);
		assertThat(awaitSyndication(permalink)).startsWith(targets.base() + "/posts/");
	}

	@Test
	void theEditorShowsACheckboxPerTargetAndSyndicatesTheOnesTicked() {
		OwnerClient owner = OwnerClient.signIn(server, OwnerClient.PASSWORD);
		org.jsoup.nodes.Document form = Jsoup.parse(owner.get("/admin/new").body());
		List<String> values = form.select("input[type=checkbox][name=syndicate-to]").eachAttr("value");
		assertThat(values).containsExactly("https://micropub.test/", "https://mastodon.test/@me",
				"https://bsky.app/profile/me.bsky.test", "https://flaky.test/", "https://refusing.test/@me");
		org.jsoup.nodes.Element mastodon = form.selectFirst("input[value=https://mastodon.test/@me]");
		assertThat(form.selectFirst("label[for=" + mastodon.id() + "]").text()).isEqualTo("Mastodon");
		assertThat(form.html()).doesNotContain(StandInTargets.MASTODON_TOKEN);
		String text = "Written in the editor " + System.nanoTime();
		HttpResponse<String> saved = owner.post("/admin/new",
				List.of(java.util.Map.entry("content", text), java.util.Map.entry("published", "true"),
						java.util.Map.entry("syndicate-to", "https://mastodon.test/@me")));
		assertThat(saved.statusCode()).isBetween(300, 399);
		StandInTargets.Recorded request = await().atMost(Duration.ofSeconds(30))
			.until(() -> targets.to("/mastodon/api/v1/statuses")
				.stream()
				.filter((each) -> each.form().get("status").get(0).startsWith(text))
				.findFirst()
				.orElse(null), (found) -> found != null);
		String status = request.form().get("status").get(0);
		String permalink = status.substring(status.lastIndexOf('\n') + 1);
		assertThat(permalink).startsWith("http://blog.test/notes/");
		assertThat(awaitSyndication(permalink)).startsWith("https://mastodon.test/@me/");
	}

	@Test
	void anUnknownTargetIsRefusedAndNothingIsCreated() {
		String text = "Never written " + System.nanoTime();
		HttpResponse<String> form = micropub.form(TOKEN, "h", "entry", "content", text, "mp-syndicate-to",
				"https://nowhere.test/");
		JsonNode error = JsonErrors.assertError(form, 400, "invalid_request");
		assertThat(error.path("error_description").asString()).contains("https://nowhere.test/")
			.contains("https://mastodon.test/@me");
		HttpResponse<String> viaJson = micropub.json(TOKEN, """
				{"type": ["h-entry"], "properties": {"content": ["%s"], "mp-syndicate-to": ["https://nowhere.test/"]}}
				""".formatted(text));
		JsonErrors.assertError(viaJson, 400, "invalid_request");
		JsonNode recent = json.readTree(micropub.get("/micropub?q=source&limit=100", TOKEN).body());
		assertThat(recent.toString()).doesNotContain(text);
	}

	@Test
	void aDraftIsNotSyndicated() {
		HttpResponse<String> created = micropub.form(TOKEN, "h", "entry", "content", "A draft for later", "post-status",
				"draft", "mp-syndicate-to", "https://micropub.test/");
		assertThat(created.statusCode()).isEqualTo(201);
		String permalink = created.headers().firstValue("Location").orElseThrow();
		JobQueue queue = server.context().getBean(JobQueue.class);
		await().atMost(Duration.ofSeconds(30)).until(queue::idle);
		assertThat(posted("/micropub", permalink)).isNull();
	}

	@Test
	void aScheduledNoteIsSyndicatedWhenItIsDue() throws InterruptedException {
		java.time.Instant due = java.time.Instant.now()
			.plusSeconds(6)
			.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
		HttpResponse<String> created = micropub.form(TOKEN, "h", "entry", "content", "Later, everyone", "published",
				due.toString(), "mp-syndicate-to", "https://micropub.test/");
		assertThat(created.statusCode()).isEqualTo(201);
		String permalink = created.headers().firstValue("Location").orElseThrow();
		Thread.sleep(3000);
		assertThat(posted("/micropub", permalink)).isNull();
		await().atMost(Duration.ofSeconds(30)).until(() -> posted("/micropub", permalink), (found) -> found != null);
		assertThat(java.time.Instant.now()).isAfterOrEqualTo(due);
	}

	@Test
	void aTargetThatFailsIsTriedAgain() {
		HttpResponse<String> created = micropub.form(TOKEN, "h", "entry", "content", "Second time lucky",
				"mp-syndicate-to", "https://flaky.test/");
		String permalink = created.headers().firstValue("Location").orElseThrow();
		assertThat(awaitSyndication(permalink)).isEqualTo(targets.base() + "/flaky/posts/1");
		assertThat(targets.to("/flaky/micropub")).hasSize(2);
	}

	@Test
	void aTargetThatRefusesShowsOnTheJobsPageWithItsMessageAndNeverTheToken() {
		HttpResponse<String> created = micropub.form(TOKEN, "h", "entry", "content", "Not welcome there",
				"mp-syndicate-to", "https://refusing.test/@me");
		String permalink = created.headers().firstValue("Location").orElseThrow();
		JdbcClient jdbc = server.context().getBean(JdbcClient.class);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> jdbc.sql("SELECT count(*) FROM jobs WHERE kind = 'syndicate' AND state = 'failed'")
				.query(Integer.class)
				.single() > 0);
		assertThat(targets.to("/refusing/api/v1/statuses")).hasSize(1);
		OwnerClient owner = OwnerClient.signIn(server, OwnerClient.PASSWORD);
		String page = owner.get("/admin/jobs").body();
		assertThat(Jsoup.parse(page).text()).contains("Refusing Mastodon answered 422")
			.contains("Validation failed: This account may not post");
		List<String> stored = jdbc
			.sql("SELECT payload || ' ' || coalesce(last_error, '') || ' ' || coalesce(result, '')"
					+ " FROM jobs WHERE kind = 'syndicate'")
			.query(String.class)
			.list();
		for (String secret : List.of(StandInTargets.MICROPUB_TOKEN, StandInTargets.MASTODON_TOKEN,
				StandInTargets.BLUESKY_PASSWORD, StandInTargets.BLUESKY_JWT)) {
			assertThat(page).doesNotContain(secret);
			assertThat(stored).allSatisfy((row) -> assertThat(row).doesNotContain(secret));
		}
		JsonNode source = json.readTree(micropub.get("/micropub?q=source&url=" + permalink, TOKEN).body());
		assertThat(source.path("properties").has("syndication")).isFalse();
	}

	private static StandInTargets.Recorded posted(String path, String permalink) {
		return targets.to(path)
			.stream()
			.filter((request) -> request.body().contains(encodedOrNot(request, permalink)))
			.findFirst()
			.orElse(null);
	}

	private static String encodedOrNot(StandInTargets.Recorded request, String permalink) {
		return (request.contentType() != null && request.contentType().startsWith("application/x-www-form-urlencoded"))
				? java.net.URLEncoder.encode(permalink, StandardCharsets.UTF_8) : permalink;
	}

	private static String awaitSyndication(String permalink) {
		return await().atMost(Duration.ofSeconds(30)).until(() -> {
			JsonNode source = json.readTree(micropub.get("/micropub?q=source&url=" + permalink, TOKEN).body());
			JsonNode syndication = source.path("properties").path("syndication");
			return syndication.isArray() && !syndication.isEmpty() ? syndication.get(0).asString() : null;
		}, (url) -> url != null);
	}

	private static List<String> pageSyndication(String permalink) {
		String path = URI.create(permalink).getPath();
		HttpResponse<String> page = server.get(path);
		assertThat(page.statusCode()).isEqualTo(200);
		JsonNode entry = Microformats.items(Microformats.parse(page.body(), permalink), "h-entry").get(0);
		return Microformats.values(entry, "syndication");
	}

	private static int graphemes(String text) {
		// extended grapheme clusters, as Bluesky counts
		return (int) java.util.regex.Pattern.compile("\\X").matcher(text).results().count();
	}

}
