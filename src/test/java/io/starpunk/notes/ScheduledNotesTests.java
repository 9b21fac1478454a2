package io.starpunk.notes;

import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.starpunk.support.Microformats;
import io.starpunk.support.MicropubClient;
import io.starpunk.support.OwnerClient;
import io.starpunk.support.RunningServer;
import io.starpunk.support.Sqlite;
import io.starpunk.support.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A note whose {@code published} date is in the future stays off every public surface
 * (home page, permalink, tag pages and feeds, the three feeds, search and its API) until
 * it is due, then appears by itself, without a restart; the owner sees it as Scheduled.
 */
class ScheduledNotesTests {

	private static final String TOKEN = "scheduled-token-0123456789abcdef0123456789abcdef";

	private static final String SITE = "http://blog.test/";

	private static final JsonMapper json = JsonMapper.builder().build();

	@TempDir
	static Path dataPath;

	static RunningServer server;

	static MicropubClient client;

	@BeforeAll
	static void start() throws Exception {
		server = RunningServer.start(dataPath, List.of(), "SITE_URL=" + SITE, "ADMIN_ME=https://owner.example/",
				"ADMIN_PASSWORD=" + OwnerClient.PASSWORD);
		TestTokens.insert(dataPath, TOKEN, "https://owner.example/", "create update delete");
		client = new MicropubClient(server);
		assertThat(client
			.form(TOKEN, "h", "entry", "content", "A lighthouse note of today", "category", "lights", "mp-slug",
					"today")
			.statusCode()).isEqualTo(201);
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@Test
	void aNoteDatedLaterStaysOffEveryPublicSurfaceUntilDueThenAppearsByItself() throws Exception {
		// far enough ahead for every check below to run first, on a busy machine too
		Instant due = Instant.now().plusSeconds(20).truncatedTo(ChronoUnit.SECONDS);
		HttpResponse<String> created = client.json(TOKEN, """
				{"type": ["h-entry"], "properties": {"content": ["A lighthouse note for later"],
				 "category": ["lights", "later"], "published": ["%s"], "mp-slug": ["for-later"]}}""".formatted(due));
		assertThat(created.statusCode()).isEqualTo(201);
		// the owner sees it, as Scheduled
		OwnerClient owner = OwnerClient.signIn(server, OwnerClient.PASSWORD);
		Document dashboard = Jsoup.parse(owner.get("/admin").body());
		assertThat(dashboard.select(".note-meta").eachText()).anyMatch((meta) -> meta.startsWith("Scheduled"));
		Document scheduledList = Jsoup.parse(owner.get("/admin?status=scheduled").body());
		assertThat(scheduledList.text()).contains("A lighthouse note for later");
		assertThat(scheduledList.select(".note-meta").eachText()).allMatch((meta) -> meta.startsWith("Scheduled"));

		List<String> before = publicSurfaces();
		int permalink = server.get("/notes/for-later").statusCode();
		int tagPage = server.get("/tags/later").statusCode();
		assertThat(Instant.now()).as("the checks ran before the note was due").isBefore(due);
		assertThat(before).as("before it is due").noneMatch((surface) -> surface.contains("later"));
		assertThat(permalink).isEqualTo(404);
		assertThat(tagPage).isEqualTo(404);

		// it is due: within 30 s, without a restart
		Instant deadline = due.plusSeconds(30);
		while (server.get("/notes/for-later").statusCode() != 200) {
			assertThat(Instant.now()).as("the note appeared within 30 s of its date").isBefore(deadline);
			Thread.sleep(250);
		}
		Instant shown = Instant.now();
		assertThat(shown).isAfterOrEqualTo(due);
		// the permalink answers from the clock; the pre-rendered pages and feeds are
		// rendered again once the note-due job has run, a moment later
		List<String> surfaces = publicSurfaces();
		while (!surfaces.stream().allMatch((surface) -> surface.contains("later"))) {
			assertThat(Instant.now()).as("every surface showed it within 30 s of its date: %s", surfaces)
				.isBefore(deadline);
			Thread.sleep(250);
			surfaces = publicSurfaces();
		}
		assertThat(server.get("/tags/later").statusCode()).isEqualTo(200);
		// the job that announced it records its end a moment after the pages changed
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(
					Sqlite.rows(dataPath.resolve("starpunk.db"), "SELECT state FROM jobs WHERE kind = 'note-due'"))
				.extracting((row) -> row.get("state"))
				.containsExactly("done"));
	}

	/**
	 * Where a visitor may meet the notes: the home page's entries (as mf2py reads them),
	 * the tag page, the three feeds and the tag's, search and its API, each reduced to
	 * the links it gives.
	 */
	private static List<String> publicSurfaces() throws Exception {
		List<String> surfaces = new ArrayList<>();
		JsonNode home = Microformats.parse(server.get("/").body(), SITE);
		List<String> homeUrls = new ArrayList<>();
		Microformats.items(home, "h-feed")
			.forEach((feed) -> feed.path("children")
				.forEach((entry) -> homeUrls.addAll(Microformats.values(entry, "url"))));
		Microformats.items(home, "h-entry").forEach((entry) -> homeUrls.addAll(Microformats.values(entry, "url")));
		assertThat(homeUrls).as("the home page lists today's note").contains(SITE + "notes/today");
		surfaces.add("home " + homeUrls);
		Document tag = Jsoup.parse(server.get("/tags/lights").body(), SITE);
		surfaces.add("tag page " + tag.select(".h-entry .u-url").eachAttr("abs:href"));
		surfaces.add("tags " + Jsoup.parse(server.get("/tags").body(), SITE).select("a").eachAttr("abs:href"));
		for (String feed : List.of("/feed.xml", "/feed.atom", "/tags/lights/feed.xml", "/tags/lights/feed.atom")) {
			SyndFeed parsed = new SyndFeedInput().build(new StringReader(server.get(feed).body()));
			List<String> links = parsed.getEntries().stream().map(SyndEntry::getLink).toList();
			assertThat(links).as(feed).contains(SITE + "notes/today");
			surfaces.add(feed + " " + links);
		}
		for (String feed : List.of("/feed.json", "/tags/lights/feed.json")) {
			List<String> urls = new ArrayList<>();
			json.readTree(server.get(feed).body())
				.path("items")
				.forEach((item) -> urls.add(item.path("url").asString()));
			assertThat(urls).as(feed).contains(SITE + "notes/today");
			surfaces.add(feed + " " + urls);
		}
		Document search = Jsoup.parse(server.get("/search?q=lighthouse").body(), SITE);
		surfaces.add("search " + search.select("a").eachAttr("abs:href"));
		List<String> found = new ArrayList<>();
		json.readTree(server.get("/api/search?q=lighthouse").body())
			.path("results")
			.forEach((result) -> found.add(result.path("url").asString()));
		assertThat(found).as("the API finds today's note").contains(SITE + "notes/today");
		surfaces.add("api " + found + " " + server.get("/api/search?q=lighthouse").body());
		return surfaces;
	}

}
