package io.starpunk.feed;

import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationContext;

import io.starpunk.config.StarpunkSettings;
import io.starpunk.media.ResponsiveImages;
import io.starpunk.notes.MarkdownRenderer;
import io.starpunk.notes.NewNote;
import io.starpunk.notes.Note;
import io.starpunk.notes.NoteProperties;
import io.starpunk.notes.NoteService;
import io.starpunk.notes.Notes;
import io.starpunk.notes.Tags;
import io.starpunk.replycontext.ReplyContexts;
import io.starpunk.support.LegacyFixtures;
import io.starpunk.support.RunningServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The feeds, fetched over HTTP from the running application on a copy of a StarPunk 0.9.5
 * data directory (three public notes, a draft and a deleted note).
 */
class FeedTests {

	private static final String SITE = "https://blog.example/";

	private static final List<String> PUBLIC_NOTES_NEWEST_FIRST = List.of(SITE + "notes/unicode-cafe",
			SITE + "notes/a-note-with-a-link", SITE + "notes/hello-world");

	private static final String HELLO_WORLD_HTML = "<p>Hello world! This is my <strong>first</strong> note on StarPunk.</p>";

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static final JsonMapper json = JsonMapper.builder().build();

	@TempDir
	Path temp;

	private RunningServer server;

	@AfterEach
	void stop() {
		if (this.server != null) {
			this.server.close();
		}
	}

	@Test
	void rssListsThePublicNotesNewestFirst() throws Exception {
		start();
		for (String path : List.of("/feed.xml", "/feed.rss")) {
			HttpResponse<String> response = get(path, Map.of());
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.headers().firstValue("Content-Type")).contains("application/rss+xml;charset=UTF-8");
			SyndFeed feed = parse(response.body());
			assertThat(feed.getFeedType()).isEqualTo("rss_2.0");
			assertThat(feed.getTitle()).isEqualTo("Feed Test Site");
			assertThat(feed.getLink()).isEqualTo(SITE);
			assertThat(feed.getDescription()).isEqualTo("Notes for testing");
			assertThat(links(feed)).isEqualTo(PUBLIC_NOTES_NEWEST_FIRST);
			SyndEntry hello = feed.getEntries().get(2);
			assertThat(hello.getTitle()).as("a note without a name").isNull();
			assertThat(hello.getDescription().getValue()).contains(HELLO_WORLD_HTML);
			assertThat(hello.getPublishedDate().toInstant()).hasToString("2025-11-18T12:00:00Z");
			assertThat(response.body()).contains("xmlns:atom=\"http://www.w3.org/2005/Atom\"")
				.contains("<atom:link href=\"" + SITE + "feed.xml\" rel=\"self\" type=\"application/rss+xml\"")
				.doesNotContain("//notes/")
				.doesNotContain("draft-thoughts")
				.doesNotContain("deleted-note");
		}
	}

	@Test
	void atomListsThePublicNotesNewestFirst() throws Exception {
		start();
		HttpResponse<String> response = get("/feed.atom", Map.of());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).contains("application/atom+xml;charset=UTF-8");
		SyndFeed feed = parse(response.body());
		assertThat(feed.getFeedType()).isEqualTo("atom_1.0");
		assertThat(feed.getTitle()).isEqualTo("Feed Test Site");
		assertThat(feed.getAuthors()).extracting((author) -> author.getName()).containsExactly("Ada Author");
		assertThat(feed.getDescription()).isEqualTo("Notes for testing");
		assertThat(feed.getLinks()).anySatisfy((link) -> {
			assertThat(link.getRel()).isEqualTo("self");
			assertThat(link.getHref()).isEqualTo(SITE + "feed.atom");
		});
		assertThat(links(feed)).isEqualTo(PUBLIC_NOTES_NEWEST_FIRST);
		assertThat(feed.getEntries()).extracting(SyndEntry::getUri).isEqualTo(PUBLIC_NOTES_NEWEST_FIRST);
		assertThat(feed.getEntries())
			.allSatisfy((entry) -> assertThat(entry.getAuthors()).extracting((author) -> author.getName())
				.containsExactly("Ada Author"));
		SyndEntry hello = feed.getEntries().get(2);
		assertThat(hello.getContents()).singleElement().satisfies((content) -> {
			assertThat(content.getType()).isEqualTo("html");
			assertThat(content.getValue()).contains(HELLO_WORLD_HTML);
		});
		assertThat(hello.getPublishedDate().toInstant()).hasToString("2025-11-18T12:00:00Z");
		assertThat(hello.getUpdatedDate().toInstant()).hasToString("2025-11-18T12:00:00Z");
		assertThat(response.body()).doesNotContain("//notes/")
			.doesNotContain("draft-thoughts")
			.doesNotContain("deleted-note");
	}

	@Test
	void jsonFeedListsThePublicNotesNewestFirst() throws Exception {
		start();
		HttpResponse<String> response = get("/feed.json", Map.of());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).contains("application/feed+json;charset=UTF-8");
		JsonNode feed = json.readTree(response.body());
		assertThat(feed.path("version").asString()).isEqualTo("https://jsonfeed.org/version/1.1");
		assertThat(feed.path("title").asString()).isEqualTo("Feed Test Site");
		assertThat(feed.path("home_page_url").asString()).isEqualTo(SITE);
		assertThat(feed.path("feed_url").asString()).isEqualTo(SITE + "feed.json");
		assertThat(feed.path("authors").path(0).path("name").asString()).isEqualTo("Ada Author");
		assertThat(jsonUrls(feed)).isEqualTo(PUBLIC_NOTES_NEWEST_FIRST);
		JsonNode hello = feed.path("items").path(2);
		assertThat(hello.path("id").asString()).isEqualTo(SITE + "notes/hello-world");
		assertThat(hello.path("content_html").asString()).contains(HELLO_WORLD_HTML);
		assertThat(hello.path("date_published").asString()).isEqualTo("2025-11-18T12:00:00Z");
		assertThat(hello.path("date_modified").asString()).isEqualTo("2025-11-18T12:00:00Z");
	}

	@Test
	void aNewNoteComesFirstInEveryFeedAndChangesTheEtag() throws Exception {
		start();
		Map<String, HttpResponse<String>> before = Map.of("/feed.xml", get("/feed.xml", Map.of()), "/feed.atom",
				get("/feed.atom", Map.of()), "/feed.json", get("/feed.json", Map.of()));
		Note created = this.server.context().getBean(NoteService.class).create("A *brand new* note", null, true);
		String permalink = SITE + "notes/" + created.slug();
		assertThat(links(parse(get("/feed.xml", Map.of()).body()))).hasSize(4).first().isEqualTo(permalink);
		assertThat(links(parse(get("/feed.atom", Map.of()).body()))).hasSize(4).first().isEqualTo(permalink);
		assertThat(jsonUrls(json.readTree(get("/feed.json", Map.of()).body()))).hasSize(4).first().isEqualTo(permalink);
		for (var entry : before.entrySet()) {
			String path = entry.getKey();
			String oldEtag = entry.getValue().headers().firstValue("ETag").orElseThrow();
			HttpResponse<String> now = get(path, Map.of());
			String newEtag = now.headers().firstValue("ETag").orElseThrow();
			assertThat(newEtag).isNotEqualTo(oldEtag);
			assertThat(get(path, Map.of("If-None-Match", oldEtag)).statusCode()).isEqualTo(200);
			HttpResponse<String> notModified = get(path, Map.of("If-None-Match", newEtag));
			assertThat(notModified.statusCode()).isEqualTo(304);
			assertThat(notModified.body()).isEmpty();
			assertThat(notModified.headers().firstValue("ETag")).contains(newEtag);
		}
	}

	@Test
	void conditionalRequestsAreAnsweredNotModified() throws Exception {
		start();
		HttpResponse<String> first = get("/feed.atom", Map.of());
		String etag = first.headers().firstValue("ETag").orElseThrow();
		String lastModified = first.headers().firstValue("Last-Modified").orElseThrow();
		assertThat(etag).matches("\"[0-9a-f]{64}\"");
		assertThat(lastModified).isEqualTo("Fri, 21 Nov 2025 12:00:00 GMT");
		assertThat(first.headers().firstValue("Cache-Control")).contains("max-age=300, public");
		assertThat(get("/feed.atom", Map.of("If-None-Match", etag)).statusCode()).isEqualTo(304);
		assertThat(get("/feed.atom", Map.of("If-Modified-Since", lastModified)).statusCode()).isEqualTo(304);
		assertThat(get("/feed.atom", Map.of("If-Modified-Since", "Fri, 21 Nov 2025 11:59:59 GMT")).statusCode())
			.isEqualTo(200);
		assertThat(
				get("/feed.atom", Map.of("If-None-Match", "\"other\"", "If-Modified-Since", lastModified)).statusCode())
			.as("If-None-Match decides when both are sent")
			.isEqualTo(200);
		this.server.context().getBean(NoteService.class).create("Later", null, true);
		assertThat(get("/feed.atom", Map.of("If-Modified-Since", lastModified)).statusCode()).isEqualTo(200);
	}

	@Test
	void feedMaxItemsLimitsEveryFeed() throws Exception {
		start("FEED_MAX_ITEMS=2", "FEED_CACHE_SECONDS=60");
		List<String> newestTwo = PUBLIC_NOTES_NEWEST_FIRST.subList(0, 2);
		assertThat(links(parse(get("/feed.xml", Map.of()).body()))).isEqualTo(newestTwo);
		assertThat(links(parse(get("/feed.atom", Map.of()).body()))).isEqualTo(newestTwo);
		HttpResponse<String> jsonFeed = get("/feed.json", Map.of());
		assertThat(jsonUrls(json.readTree(jsonFeed.body()))).isEqualTo(newestTwo);
		assertThat(jsonFeed.headers().firstValue("Cache-Control")).contains("max-age=60, public");
	}

	@Test
	void feedIsChosenByTheAcceptHeader() throws Exception {
		start();
		HttpResponse<String> atom = get("/feed", Map.of("Accept", "application/atom+xml"));
		assertThat(atom.statusCode()).isEqualTo(200);
		assertThat(atom.headers().firstValue("Content-Type")).contains("application/atom+xml;charset=UTF-8");
		assertThat(atom.headers().firstValue("Vary")).hasValueSatisfying((vary) -> assertThat(vary).contains("Accept"));
		assertThat(parse(atom.body()).getFeedType()).isEqualTo("atom_1.0");
		assertThat(atom.body()).isEqualTo(get("/feed.atom", Map.of()).body());

		HttpResponse<String> jsonFeed = get("/feed",
				Map.of("Accept", "application/feed+json;q=0.9, application/rss+xml;q=0.1"));
		assertThat(jsonFeed.headers().firstValue("Content-Type")).contains("application/feed+json;charset=UTF-8");
		assertThat(jsonUrls(json.readTree(jsonFeed.body()))).isEqualTo(PUBLIC_NOTES_NEWEST_FIRST);

		for (Map<String, String> headers : List.of(Map.of("Accept", "*/*"), Map.<String, String>of())) {
			HttpResponse<String> rss = get("/feed", headers);
			assertThat(rss.headers().firstValue("Content-Type")).contains("application/rss+xml;charset=UTF-8");
			assertThat(parse(rss.body()).getFeedType()).isEqualTo("rss_2.0");
		}

		HttpResponse<String> refused = get("/feed", Map.of("Accept", "image/png"));
		assertThat(refused.statusCode()).isEqualTo(406);
		assertThat(refused.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/plain"));
		assertThat(refused.body()).contains(SITE + "feed.xml", SITE + "feed.atom", SITE + "feed.json");
	}

	@Test
	void everyFeedShowsAChangeOnTheVeryNextRequest() throws Exception {
		start();
		for (String path : List.of("/feed.xml", "/feed.atom", "/feed.json")) {
			assertThat(get(path, Map.of()).statusCode()).isEqualTo(200);
		}
		Note created = this.server.context().getBean(NoteService.class).create("Something new", null, true);
		String permalink = SITE + "notes/" + created.slug();
		assertThat(links(parse(get("/feed.xml", Map.of()).body()))).first().isEqualTo(permalink);
		assertThat(links(parse(get("/feed.atom", Map.of()).body()))).first().isEqualTo(permalink);
		assertThat(jsonUrls(json.readTree(get("/feed.json", Map.of()).body()))).first().isEqualTo(permalink);
	}

	@Test
	void aNoteWithoutANameHasNoTitleAndANamedNoteKeepsItsName() throws Exception {
		start();
		NoteService notes = this.server.context().getBean(NoteService.class);
		Note named = notes.create(new NewNote("The body of an article.", null, true, null,
				new NoteProperties(Map.of("name", List.of("An Article")), false)));
		Note unnamed = notes.create("Just a note, **no** name.", null, true);
		String namedUrl = SITE + "notes/" + named.slug();
		String unnamedUrl = SITE + "notes/" + unnamed.slug();

		SyndFeed rss = parse(get("/feed.xml", Map.of()).body());
		assertThat(entry(rss, unnamedUrl).getTitle()).as("RSS: an item with a description only").isNull();
		assertThat(entry(rss, unnamedUrl).getDescription().getValue()).contains("<strong>no</strong>");
		assertThat(entry(rss, namedUrl).getTitle()).isEqualTo("An Article");
		assertThat(rss.getEntries()).filteredOn((entry) -> entry.getLink().endsWith("/hello-world"))
			.singleElement()
			.satisfies((entry) -> assertThat(entry.getTitle()).isNull());

		SyndFeed atom = parse(get("/feed.atom", Map.of()).body());
		assertThat(entry(atom, unnamedUrl).getTitleEx()).as("Atom: a title, as it requires, but an empty one")
			.isNotNull();
		assertThat(entry(atom, unnamedUrl).getTitle()).isNullOrEmpty();
		assertThat(entry(atom, namedUrl).getTitle()).isEqualTo("An Article");

		JsonNode jsonFeed = json.readTree(get("/feed.json", Map.of()).body());
		JsonNode unnamedItem = item(jsonFeed, unnamedUrl);
		assertThat(unnamedItem.has("title")).as("JSON Feed: no title").isFalse();
		assertThat(unnamedItem.path("content_html").asString()).contains("<strong>no</strong>");
		assertThat(item(jsonFeed, namedUrl).path("title").asString()).isEqualTo("An Article");
	}

	/**
	 * The first requests after a start (or a change) arrive together: those that come
	 * while one renders wait for that render, and every one gets a feed. (A container's
	 * first light load found requests answered 500 here.)
	 */
	@Test
	void requestsThatArriveWhileTheFeedsAreRenderedWaitForThatRenderAndAllGetAFeed() throws Exception {
		start();
		ApplicationContext context = this.server.context();
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			for (int round = 0; round < 20; round++) {
				Feeds fresh = new Feeds(context.getBean(Notes.class), context.getBean(Tags.class),
						context.getBean(MarkdownRenderer.class), context.getBean(StarpunkSettings.class), json,
						Clock.systemUTC(), context.getBean(ResponsiveImages.class),
						context.getBean(ReplyContexts.class));
				CountDownLatch go = new CountDownLatch(1);
				List<Future<RenderedFeed>> answers = new ArrayList<>();
				for (int i = 0; i < 8; i++) {
					FeedFormat format = FeedFormat.values()[i % FeedFormat.values().length];
					answers.add(pool.submit(() -> {
						go.await();
						return fresh.get(format);
					}));
				}
				go.countDown();
				for (Future<RenderedFeed> answer : answers) {
					assertThat(answer.get(30, TimeUnit.SECONDS)).as("round %d", round).isNotNull();
				}
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void aDeletedOrEditedNoteChangesEveryFeed() throws Exception {
		start();
		String lastModified = get("/feed.xml", Map.of()).headers().firstValue("Last-Modified").orElseThrow();
		NoteService noteService = this.server.context().getBean(NoteService.class);
		Notes notes = this.server.context().getBean(Notes.class);
		noteService.delete(notes.findBySlug("a-note-with-a-link").orElseThrow().id());
		List<String> remaining = List.of(SITE + "notes/unicode-cafe", SITE + "notes/hello-world");
		assertThat(links(parse(get("/feed.xml", Map.of()).body()))).isEqualTo(remaining);
		assertThat(links(parse(get("/feed.atom", Map.of()).body()))).isEqualTo(remaining);
		assertThat(jsonUrls(json.readTree(get("/feed.json", Map.of()).body()))).isEqualTo(remaining);
		assertThat(get("/feed.xml", Map.of("If-Modified-Since", lastModified)).statusCode())
			.as("a deletion moves Last-Modified on too")
			.isEqualTo(200);

		Note hello = notes.findBySlug("hello-world").orElseThrow();
		noteService.update(hello.id(), "Hello again, **edited**.", true, notes.properties(hello));
		JsonNode edited = json.readTree(get("/feed.json", Map.of()).body()).path("items").path(1);
		assertThat(edited.path("url").asString()).isEqualTo(SITE + "notes/hello-world");
		assertThat(edited.path("content_html").asString()).contains("<strong>edited</strong>");
		assertThat(edited.path("date_published").asString()).isEqualTo("2025-11-18T12:00:00Z");
		assertThat(edited.path("date_modified").asString()).isNotEqualTo("2025-11-18T12:00:00Z");
	}

	@Test
	void feedsLongerThanOnePageOfNotesStayInOrder() throws Exception {
		int max = Notes.MAX_PAGE + 3;
		this.server = RunningServer.start(this.temp.resolve("many"), List.of(), "SITE_URL=" + SITE,
				"FEED_MAX_ITEMS=" + max);
		NoteService noteService = this.server.context().getBean(NoteService.class);
		List<String> created = new java.util.ArrayList<>();
		for (int i = 1; i <= max + 2; i++) {
			created.add(0, SITE + "notes/" + noteService.create("Note number " + i, "note-" + i, true).slug());
		}
		assertThat(jsonUrls(json.readTree(get("/feed.json", Map.of()).body()))).isEqualTo(created.subList(0, max));
		assertThat(links(parse(get("/feed.atom", Map.of()).body()))).isEqualTo(created.subList(0, max));
	}

	@Test
	void anEmptySiteHasEmptyFeeds() throws Exception {
		this.server = RunningServer.start(this.temp.resolve("empty"), List.of(), "SITE_URL=" + SITE);
		assertThat(parse(get("/feed.xml", Map.of()).body()).getEntries()).isEmpty();
		assertThat(parse(get("/feed.atom", Map.of()).body()).getEntries()).isEmpty();
		JsonNode feed = json.readTree(get("/feed.json", Map.of()).body());
		assertThat(feed.path("items").isArray()).isTrue();
		assertThat(feed.path("items")).isEmpty();
		assertThat(get("/feed.xml", Map.of()).headers().firstValue("Last-Modified")).isPresent();
	}

	private void start(String... properties) {
		Path data = LegacyFixtures.copy("v0.9.5", this.temp);
		List<String> all = new java.util.ArrayList<>(List.of("SITE_URL=" + SITE, "SITE_NAME=Feed Test Site",
				"SITE_AUTHOR=Ada Author", "SITE_DESCRIPTION=Notes for testing"));
		all.addAll(List.of(properties));
		this.server = RunningServer.start(data, List.of(), all.toArray(String[]::new));
	}

	private HttpResponse<String> get(String path, Map<String, String> headers)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(this.server.uri(path)).timeout(Duration.ofSeconds(10));
		headers.forEach(request::header);
		return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
	}

	private static SyndFeed parse(String body) throws Exception {
		return new SyndFeedInput().build(new StringReader(body));
	}

	private static List<String> links(SyndFeed feed) {
		return feed.getEntries().stream().map(SyndEntry::getLink).toList();
	}

	private static SyndEntry entry(SyndFeed feed, String link) {
		return feed.getEntries()
			.stream()
			.filter((entry) -> entry.getLink().equals(link))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no entry " + link));
	}

	private static JsonNode item(JsonNode feed, String url) {
		return feed.path("items")
			.valueStream()
			.filter((item) -> item.path("url").asString().equals(url))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no item " + url));
	}

	private static List<String> jsonUrls(JsonNode feed) {
		return feed.path("items").valueStream().map((item) -> item.path("url").asString()).toList();
	}

}
