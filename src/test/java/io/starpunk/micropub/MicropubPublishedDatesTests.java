package io.starpunk.micropub;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.starpunk.support.MicropubClient;
import io.starpunk.support.RunningServer;
import io.starpunk.support.Sqlite;
import io.starpunk.support.TestTokens;

import static io.starpunk.support.JsonErrors.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code published} dates clients send, an imported archive's old ones included: a
 * date alone, any year from 0001 to 9999, kept in order on the home page (paged to its
 * end), in {@code q=source} and in the feeds; years outside that range refused. A note
 * dated in the future (9999) is scheduled: {@code q=source} lists it, the public pages
 * and feeds do not yet.
 */
class MicropubPublishedDatesTests {

	private static final String TOKEN = "dates-token-0123456789abcdef0123456789abcdef";

	private static final String SITE = "http://blog.test/";

	private static final JsonMapper json = JsonMapper.builder().build();

	/** Published instants, in the order they are created; none is the newest first. */
	private static final List<String> DATES = List.of("2024-03-04T05:06:07Z", "0500-06-15T12:00:00Z",
			"1969-12-31T23:59:59Z", "9999-12-31T23:59:59Z", "0001-01-01T00:00:00Z", "1582-10-15T00:00:00Z",
			"1000-02-28T00:00:00Z");

	@TempDir
	static Path dataPath;

	static RunningServer server;

	static MicropubClient client;

	@BeforeAll
	static void start() throws Exception {
		server = RunningServer.start(dataPath, List.of(), "SITE_URL=" + SITE, "ADMIN_ME=https://owner.example/");
		TestTokens.insert(dataPath, TOKEN, "https://owner.example/", "create update delete");
		client = new MicropubClient(server);
		// enough notes of today for the home page (20 a page) to need three pages
		for (int i = 1; i <= 42; i++) {
			created(client.form(TOKEN, "h", "entry", "content", "Note of today " + i, "mp-slug", "today-" + i));
		}
		for (int i = 0; i < DATES.size(); i++) {
			created(client.json(TOKEN, """
					{"type": ["h-entry"], "properties": {"content": ["Dated %s"], "published": ["%s"],
					 "mp-slug": ["dated-%d"]}}""".formatted(DATES.get(i), DATES.get(i), i)));
		}
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@Test
	void aDateAloneIsMidnightUtc() {
		String location = created(client.form(TOKEN, "h", "entry", "content", "A day, no time", "published",
				"2025-01-02", "post-status", "draft"));
		assertThat(source(location).path("properties").path("published").get(0).asString())
			.isEqualTo("2025-01-02T00:00:00Z");
		String fromJson = created(client.json(TOKEN, """
				{"type": ["h-entry"], "properties": {"content": ["Old day"], "published": ["0500-01-02"],
				 "post-status": ["draft"]}}"""));
		assertThat(source(fromJson).path("properties").path("published").get(0).asString())
			.isEqualTo("0500-01-02T00:00:00Z");
	}

	@Test
	void anOldNoteIsKeptInAFourDigitYearFolder() throws Exception {
		String filePath = Sqlite
			.rows(dataPath.resolve("starpunk.db"), "SELECT file_path, created_at FROM notes WHERE slug = 'dated-1'")
			.get(0)
			.get("file_path");
		assertThat(filePath).isEqualTo("notes/0500/06/dated-1.md");
		assertThat(Files.readString(dataPath.resolve(filePath))).isEqualTo("Dated 0500-06-15T12:00:00Z");
		assertThat(Sqlite.rows(dataPath.resolve("starpunk.db"), "SELECT created_at FROM notes WHERE slug = 'dated-4'")
			.get(0)
			.get("created_at")).isEqualTo("0001-01-01 00:00:00");
		Document page = Jsoup.parse(server.get("/notes/dated-1").body());
		assertThat(page.select(".h-entry .dt-published").attr("datetime")).isEqualTo("0500-06-15T12:00:00Z");
	}

	@Test
	void theHomePageListsEveryNoteNewestFirstToTheOldestOnItsLastPage() {
		List<String> published = new ArrayList<>();
		List<String> slugs = new ArrayList<>();
		String next = "/";
		int pages = 0;
		while (next != null) {
			HttpResponse<String> response = server.get(next);
			assertThat(response.statusCode()).as(next).isEqualTo(200);
			Document page = Jsoup.parse(response.body(), SITE);
			for (Element entry : page.select(".h-entry")) {
				published.add(entry.select(".dt-published").attr("datetime"));
				slugs.add(URI.create(entry.select(".u-url").attr("href")).getPath());
			}
			Element older = page.selectFirst("a[rel=next]");
			next = (older != null)
					? URI.create(older.attr("href")).getRawPath() + "?" + URI.create(older.attr("href")).getRawQuery()
					: null;
			pages++;
			assertThat(pages).as("pages").isLessThan(10);
		}
		assertThat(pages).isEqualTo(3);
		// the note of 9999 is scheduled, not public yet
		assertThat(slugs).hasSize(42 + DATES.size() - 1).doesNotHaveDuplicates().doesNotContain("/notes/dated-3");
		assertThat(published).isSortedAccordingTo(Comparator.reverseOrder()).doesNotContain("9999-12-31T23:59:59Z");
		assertThat(published.subList(published.size() - 5, published.size())).containsExactly("1969-12-31T23:59:59Z",
				"1582-10-15T00:00:00Z", "1000-02-28T00:00:00Z", "0500-06-15T12:00:00Z", "0001-01-01T00:00:00Z");
		assertThat(slugs.get(slugs.size() - 2)).isEqualTo("/notes/dated-1");
	}

	@Test
	void sourceListsOldNotesInTheirPlace() {
		List<String> published = new ArrayList<>();
		String after = null;
		do {
			JsonNode page = query("/micropub?q=source&limit=20" + ((after != null) ? "&after=" + after : ""));
			page.path("items")
				.forEach((item) -> published.add(item.path("properties").path("published").get(0).asString()));
			after = page.path("paging").path("after").asString(null);
		}
		while (after != null);
		assertThat(published).hasSizeGreaterThanOrEqualTo(42 + DATES.size())
			.isSortedAccordingTo(Comparator.reverseOrder())
			.containsSubsequence("9999-12-31T23:59:59Z", "2024-03-04T05:06:07Z", "1969-12-31T23:59:59Z",
					"1582-10-15T00:00:00Z", "1000-02-28T00:00:00Z", "0500-06-15T12:00:00Z", "0001-01-01T00:00:00Z");
		assertThat(published.get(published.size() - 1)).isEqualTo("0001-01-01T00:00:00Z");
	}

	@Test
	void theFeedsCarryOldNotesInOrder() throws Exception {
		HttpResponse<String> jsonFeed = server.get("/feed.json");
		assertThat(jsonFeed.statusCode()).isEqualTo(200);
		List<String> published = new ArrayList<>();
		json.readTree(jsonFeed.body())
			.path("items")
			.forEach((item) -> published.add(item.path("date_published").asString()));
		assertThat(published).isSortedAccordingTo(Comparator.reverseOrder()).doesNotContain("9999-12-31T23:59:59Z");
		for (String feed : List.of("/feed.xml", "/feed.atom")) {
			HttpResponse<String> response = server.get(feed);
			assertThat(response.statusCode()).as(feed).isEqualTo(200);
			DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
			factory.setNamespaceAware(true);
			factory.newDocumentBuilder()
				.parse(new ByteArrayInputStream(response.body().getBytes(StandardCharsets.UTF_8)));
		}
		org.w3c.dom.Document atom = xml("/feed.atom");
		List<String> atomPublished = new ArrayList<>();
		org.w3c.dom.NodeList entries = atom.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "entry");
		for (int i = 0; i < entries.getLength(); i++) {
			org.w3c.dom.Element entry = (org.w3c.dom.Element) entries.item(i);
			atomPublished
				.add(entry.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "published").item(0).getTextContent());
		}
		assertThat(atomPublished).doesNotContain("9999-12-31T23:59:59Z")
			.containsSubsequence("2024-03-04T05:06:07Z", "1969-12-31T23:59:59Z", "1582-10-15T00:00:00Z",
					"1000-02-28T00:00:00Z", "0500-06-15T12:00:00Z", "0001-01-01T00:00:00Z");
		org.w3c.dom.NodeList pubDates = xml("/feed.xml").getElementsByTagName("pubDate");
		List<String> rss = new ArrayList<>();
		for (int i = 0; i < pubDates.getLength(); i++) {
			rss.add(pubDates.item(i).getTextContent());
		}
		// the weekday of a date before 1582 is the Julian one (see FeedDates)
		assertThat(rss).doesNotContain("Fri, 31 Dec 9999 23:59:59 GMT")
			.anySatisfy((date) -> assertThat(date).endsWith(", 15 Jun 0500 12:00:00 GMT"))
			.anySatisfy((date) -> assertThat(date).endsWith(", 01 Jan 0001 00:00:00 GMT"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "0000-01-01T00:00:00Z", "0000-06-15", "10000-01-01T00:00:00Z", "+10000-01-01",
			"+10000-01-01T00:00:00Z", "-0001-01-01T00:00:00Z", "-0500-06-15", "0001-01-01T00:30:00+01:00",
			"9999-12-31T23:00:00-05:00", "+999999999-12-31T23:59:59Z", "500-06-15", "2025-1-2", "2025-01-02T",
			"2025-02-30" })
	void aYearOutsideOneToNineNineNineNineOrABadDateIsRefused(String date) throws Exception {
		String before = count();
		assertError(client.json(TOKEN, """
				{"type": ["h-entry"], "properties": {"content": ["Out of range"], "published": ["%s"]}}"""
			.formatted(date)), 400, "invalid_request");
		assertError(client.form(TOKEN, "h", "entry", "content", "Out of range", "published", date), 400,
				"invalid_request");
		assertThat(count()).isEqualTo(before);
	}

	@Test
	void aHomePageCursorOutsideTheYearsIsABadLink() {
		assertThat(server.get("/?before=-99999999999-1").statusCode()).isEqualTo(400);
		assertThat(server.get("/?before=999999999999-1").statusCode()).isEqualTo(400);
		assertThat(server.get("/?before=-62135596800-1").statusCode()).isEqualTo(200);
	}

	private static org.w3c.dom.Document xml(String path) throws Exception {
		HttpResponse<String> response = server.get(path);
		assertThat(response.statusCode()).as(path).isEqualTo(200);
		DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
		factory.setNamespaceAware(true);
		return factory.newDocumentBuilder()
			.parse(new ByteArrayInputStream(response.body().getBytes(StandardCharsets.UTF_8)));
	}

	private static String count() throws Exception {
		return Sqlite.rows(dataPath.resolve("starpunk.db"), "SELECT count(*) AS n FROM notes").get(0).get("n");
	}

	private static String created(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return response.headers().firstValue("Location").orElseThrow();
	}

	private static JsonNode source(String location) {
		return query("/micropub?q=source&url=" + URLEncoder.encode(location, StandardCharsets.UTF_8));
	}

	private static JsonNode query(String path) {
		HttpResponse<String> response = client.get(path, TOKEN);
		assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
		return json.readTree(response.body());
	}

}
