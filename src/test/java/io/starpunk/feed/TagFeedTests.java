package io.starpunk.feed;

import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.rometools.rome.feed.atom.Category;
import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.synd.SyndCategory;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.WireFeedInput;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.starpunk.notes.NewNote;
import io.starpunk.notes.Note;
import io.starpunk.notes.NoteProperties;
import io.starpunk.notes.NoteService;
import io.starpunk.notes.Notes;
import io.starpunk.support.RunningServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Categories in the site's feeds, and every tag's own RSS, Atom and JSON Feed, which
 * carry that tag's public notes and nothing else.
 */
class TagFeedTests {

	private static final String SITE = "https://blog.example/";

	private static final JsonMapper json = JsonMapper.builder().build();

	@TempDir
	static Path dataPath;

	private static RunningServer server;

	private static Note older;

	private static Note newer;

	private static Note untagged;

	@BeforeAll
	static void start() {
		server = RunningServer.start(dataPath, List.of(), "SITE_URL=" + SITE, "SITE_NAME=Feed Test Site",
				"SITE_AUTHOR=Ada Author");
		NoteService noteService = server.context().getBean(NoteService.class);
		Notes notes = server.context().getBean(Notes.class);
		older = noteService
			.create(new NewNote("Older coffee", null, true, java.time.Instant.parse("2025-01-01T10:00:00Z"),
					categories("Coffee", "IndieWeb", "https://person.example/")));
		newer = noteService.create(new NewNote("Newer coffee", null, true,
				java.time.Instant.parse("2025-02-01T10:00:00Z"), categories("coffee")));
		noteService.create(new NewNote("Drafted coffee", null, false, null, categories("COFFEE")));
		Note deleted = noteService.create(new NewNote("Deleted coffee", null, true, null, categories("Coffee")));
		noteService.delete(deleted.id());
		untagged = noteService.create("Nothing to do with it", null, true);
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@Test
	void aTagsRssCarriesOnlyItsPublicNotes() throws Exception {
		HttpResponse<String> response = server.get("/tags/coffee/feed.xml");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/rss+xml;charset=UTF-8");
		assertThat(response.headers().firstValue("ETag")).isPresent();
		SyndFeed feed = new SyndFeedInput().build(new StringReader(response.body()));
		assertThat(feed.getFeedType()).isEqualTo("rss_2.0");
		assertThat(feed.getTitle()).contains("Feed Test Site").contains("Coffee");
		assertThat(feed.getLink()).isEqualTo(SITE + "tags/coffee");
		assertThat(feed.getEntries()).extracting(SyndEntry::getLink)
			.containsExactly(permalink(newer), permalink(older));
		assertThat(response.body())
			.contains("<atom:link href=\"" + SITE + "tags/coffee/feed.xml\" rel=\"self\" type=\"application/rss+xml\"")
			.doesNotContain("Drafted coffee", "Deleted coffee", "Nothing to do with it");
		assertThat(server.get("/tags/coffee/feed.rss").statusCode()).isEqualTo(200);
	}

	@Test
	void aTagsAtomCarriesOnlyItsPublicNotesWithLabelledCategories() throws Exception {
		HttpResponse<String> response = server.get("/tags/coffee/feed.atom");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/atom+xml;charset=UTF-8");
		Feed feed = (Feed) new WireFeedInput().build(new StringReader(response.body()));
		assertThat(feed.getTitle()).contains("Coffee");
		assertThat(feed.getAlternateLinks()).extracting((link) -> link.getHref()).containsExactly(SITE + "tags/coffee");
		assertThat(feed.getOtherLinks()).anySatisfy((link) -> {
			assertThat(link.getRel()).isEqualTo("self");
			assertThat(link.getHref()).isEqualTo(SITE + "tags/coffee/feed.atom");
		});
		assertThat(feed.getEntries()).extracting(Entry::getId).containsExactly(permalink(newer), permalink(older));
		Entry olderEntry = feed.getEntries().get(1);
		assertThat(olderEntry.getCategories()).extracting(Category::getTerm, Category::getLabel)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("Coffee", "Coffee"),
					org.assertj.core.groups.Tuple.tuple("IndieWeb", "IndieWeb"),
					org.assertj.core.groups.Tuple.tuple("https://person.example/", "https://person.example/"));
		assertThat(feed.getEntries().get(0).getCategories()).extracting(Category::getTerm)
			.as("the tag's first spelling, not this note's")
			.containsExactly("Coffee");
	}

	@Test
	void aTagsJsonFeedCarriesOnlyItsPublicNotes() throws Exception {
		HttpResponse<String> response = server.get("/tags/coffee/feed.json");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/feed+json;charset=UTF-8");
		JsonNode feed = json.readTree(response.body());
		assertThat(feed.path("version").asString()).isEqualTo("https://jsonfeed.org/version/1.1");
		assertThat(feed.path("title").asString()).contains("Coffee");
		assertThat(feed.path("home_page_url").asString()).isEqualTo(SITE + "tags/coffee");
		assertThat(feed.path("feed_url").asString()).isEqualTo(SITE + "tags/coffee/feed.json");
		assertThat(feed.path("items").valueStream().map((item) -> item.path("url").asString()))
			.containsExactly(permalink(newer), permalink(older));
		assertThat(feed.path("items").get(0).path("tags").valueStream().map(JsonNode::asString))
			.containsExactly("Coffee");
	}

	@Test
	void theSiteFeedsCarryTheTagsDisplaySpellings() throws Exception {
		SyndFeed rss = new SyndFeedInput().build(new StringReader(server.get("/feed.xml").body()));
		SyndEntry olderItem = rss.getEntries()
			.stream()
			.filter((entry) -> entry.getLink().equals(permalink(older)))
			.findFirst()
			.orElseThrow();
		assertThat(olderItem.getCategories()).extracting(SyndCategory::getName)
			.containsExactly("Coffee", "IndieWeb", "https://person.example/");
		SyndEntry newerItem = rss.getEntries()
			.stream()
			.filter((entry) -> entry.getLink().equals(permalink(newer)))
			.findFirst()
			.orElseThrow();
		assertThat(newerItem.getCategories()).extracting(SyndCategory::getName).containsExactly("Coffee");
		assertThat(rss.getEntries()).extracting(SyndEntry::getLink).contains(permalink(untagged));

		Feed atom = (Feed) new WireFeedInput().build(new StringReader(server.get("/feed.atom").body()));
		Entry atomOlder = atom.getEntries()
			.stream()
			.filter((entry) -> entry.getId().equals(permalink(older)))
			.findFirst()
			.orElseThrow();
		assertThat(atomOlder.getCategories()).extracting(Category::getLabel)
			.containsExactly("Coffee", "IndieWeb", "https://person.example/");

		JsonNode jsonFeed = json.readTree(server.get("/feed.json").body());
		JsonNode jsonNewer = jsonFeed.path("items")
			.valueStream()
			.filter((item) -> item.path("url").asString().equals(permalink(newer)))
			.findFirst()
			.orElseThrow();
		assertThat(jsonNewer.path("tags").valueStream().map(JsonNode::asString)).containsExactly("Coffee");
	}

	@Test
	void aTagsFeedFollowsEveryChangeOnTheNextRequestAndGoesWithItsLastNote() throws Exception {
		NoteService noteService = server.context().getBean(NoteService.class);
		Notes notes = server.context().getBean(Notes.class);
		Note first = noteService.create(new NewNote("First tea", null, true, null, categories("Tea")));
		assertThat(jsonUrls("/tags/tea/feed.json")).containsExactly(permalink(first));

		Note second = noteService.create(new NewNote("Second tea", null, true, null, categories("TEA")));
		assertThat(jsonUrls("/tags/tea/feed.json")).containsExactly(permalink(second), permalink(first));
		noteService.update(second.id(), "Second, untagged", true, notes.properties(second).withCategories(List.of()));
		assertThat(jsonUrls("/tags/tea/feed.json")).containsExactly(permalink(first));
		noteService.delete(first.id());
		assertThat(server.get("/tags/tea/feed.json").statusCode()).isEqualTo(404);
	}

	@Test
	void unknownAndDraftOnlyTagsHaveNoFeedAndOtherSpellingsAreSentOn() {
		assertThat(server.get("/tags/no-such-tag/feed.xml").statusCode()).isEqualTo(404);
		assertThat(server.get("/tags/no-such-tag/feed.json").statusCode()).isEqualTo(404);
		HttpResponse<String> moved = server.get("/tags/Coffee/feed.atom");
		assertThat(moved.statusCode()).isEqualTo(301);
		assertThat(moved.headers().firstValue("Location")).hasValue(SITE + "tags/coffee/feed.atom");
	}

	private static List<String> jsonUrls(String path) {
		HttpResponse<String> response = server.get(path);
		assertThat(response.statusCode()).isEqualTo(200);
		return json.readTree(response.body())
			.path("items")
			.valueStream()
			.map((item) -> item.path("url").asString())
			.toList();
	}

	private static NoteProperties categories(String... categories) {
		return new NoteProperties(Map.of("category", List.of((Object[]) categories)), false);
	}

	private static String permalink(Note note) {
		return SITE + "notes/" + note.slug();
	}

}
