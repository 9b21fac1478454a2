package io.starpunk.site;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import io.starpunk.notes.NewNote;
import io.starpunk.notes.Note;
import io.starpunk.notes.NoteProperties;
import io.starpunk.notes.NoteService;
import io.starpunk.support.Microformats;
import io.starpunk.support.RunningServer;

import static io.starpunk.site.PageChecks.ME;
import static io.starpunk.site.PageChecks.SITE_URL;
import static io.starpunk.support.Microformats.embedded;
import static io.starpunk.support.Microformats.items;
import static io.starpunk.support.Microformats.values;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The home page, a tag's page and permalinks as a microformats2 consumer reads them,
 * parsed by mf2py: every h-feed and h-entry says who wrote it, and a note without a name
 * gets none from its heading.
 */
class MicroformatsTests {

	private static final String PHOTO = "https://owner.example/photo.jpg";

	private static final String AUTHOR = "Ada <b>Owner</b>";

	private static final String DESCRIPTION = "Short notes & <longer> thoughts";

	@TempDir
	static Path dataPath;

	private static RunningServer server;

	private static Note named;

	private static Note unnamed;

	private static Note list;

	@BeforeAll
	static void start() {
		List<String> properties = new ArrayList<>(List.of(PageChecks.PROPERTIES));
		properties.add("SITE_DESCRIPTION=" + DESCRIPTION);
		server = RunningServer.start(dataPath, List.of(), properties.toArray(String[]::new));
		NoteService notes = server.context().getBean(NoteService.class);
		Map<String, List<Object>> article = new LinkedHashMap<>();
		article.put("name", List.of("An Article"));
		article.put("category", List.of("Readers"));
		named = notes
			.create(new NewNote("The body of the article.", null, true, null, new NoteProperties(article, false)));
		unnamed = notes.create(new NewNote("Just a **note** without a name.", null, true, null,
				new NoteProperties(Map.of("category", List.of("Readers")), false)));
		list = notes.create(new NewNote("- first item\n- second item", null, true, null,
				new NoteProperties(Map.of("category", List.of("Readers")), false)));
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@Test
	void theHomePagesHFeedHasItsAuthorUrlPhotoAndSummary() {
		JsonNode feed = onlyFeed("/", SITE_URL);
		assertThat(values(feed, "name")).containsExactly("Test Site");
		assertThat(values(feed, "url")).containsExactly(SITE_URL);
		assertThat(values(feed, "photo")).containsExactly(PHOTO);
		assertThat(values(feed, "summary")).containsExactly(DESCRIPTION);
		JsonNode author = onlyAuthor(feed);
		assertThat(values(author, "name")).containsExactly(AUTHOR);
		assertThat(values(author, "url")).first().isEqualTo(ME);
		assertThat(values(author, "url")).contains("https://github.com/owner", "https://social.example/@owner");
		assertThat(values(author, "photo")).containsExactly(PHOTO);
	}

	@Test
	void aTagsHFeedHasItsAuthorUrlAndPhoto() {
		String page = SITE_URL + "tags/readers";
		JsonNode feed = onlyFeed("/tags/readers", page);
		assertThat(values(feed, "name")).containsExactly("Notes tagged Readers");
		assertThat(values(feed, "url")).containsExactly(page);
		assertThat(values(feed, "photo")).containsExactly(PHOTO);
		JsonNode author = onlyAuthor(feed);
		assertThat(values(author, "name")).containsExactly(AUTHOR);
		assertThat(values(author, "url")).containsExactly(ME);
		assertThat(values(author, "photo")).containsExactly(PHOTO);
	}

	@Test
	void everyEntryOnTheHomeAndTagPagesNamesItsAuthorAndOnlyANamedNoteHasAName() {
		for (String[] page : List.of(new String[] { "/", SITE_URL },
				new String[] { "/tags/readers", SITE_URL + "tags/readers" })) {
			List<JsonNode> entries = onlyFeed(page[0], page[1]).path("children")
				.valueStream()
				.filter((item) -> Microformats.isA(item, "h-entry"))
				.toList();
			assertThat(entries).as(page[0]).hasSize(3);
			for (JsonNode entry : entries) {
				JsonNode author = onlyAuthor(entry);
				assertThat(values(author, "name")).as(page[0]).containsExactly(AUTHOR);
				assertThat(values(author, "url")).as(page[0]).containsExactly(ME);
			}
			assertThat(entry(entries, named).path("properties").path("name").valueStream().map(JsonNode::asString))
				.as(page[0])
				.containsExactly("An Article");
			assertThat(entry(entries, unnamed).path("properties").has("name"))
				.as("%s: a note without a name has none, not its hidden heading", page[0])
				.isFalse();
			assertThat(entry(entries, list).path("properties").has("name")).as(page[0]).isFalse();
		}
	}

	@Test
	void aPermalinksAuthorHasTheOwnersPhotoAndAnUnnamedNoteNoName() {
		JsonNode entry = onlyEntry(unnamed);
		JsonNode author = onlyAuthor(entry);
		assertThat(values(author, "name")).containsExactly(AUTHOR);
		assertThat(values(author, "url")).containsExactly(ME);
		assertThat(values(author, "photo")).containsExactly(PHOTO);
		assertThat(entry.path("properties").has("name")).as("its h1 is no name").isFalse();
		assertThat(values(entry, "url")).containsExactly(permalink(unnamed));
		assertThat(values(entry, "content")).singleElement().asString().contains("Just a note without a name.");

		assertThat(values(onlyEntry(named), "name")).containsExactly("An Article");
	}

	@Test
	void aListsItemsAreSeparateWordsInTheContentsPlainText() {
		assertThat(values(onlyEntry(list), "content")).singleElement()
			.asString()
			.containsPattern("first item\\s+second item");
	}

	private static JsonNode onlyFeed(String path, String url) {
		JsonNode parsed = parsed(path, url);
		List<JsonNode> feeds = items(parsed, "h-feed");
		assertThat(feeds).as("the h-feeds of %s", path).hasSize(1);
		return feeds.get(0);
	}

	private static JsonNode onlyEntry(Note note) {
		JsonNode parsed = parsed("/notes/" + note.slug(), permalink(note));
		List<JsonNode> entries = items(parsed, "h-entry");
		assertThat(entries).as("the top-level items of a permalink").hasSize(1);
		assertThat(parsed.path("items").size()).isEqualTo(1);
		return entries.get(0);
	}

	private static JsonNode onlyAuthor(JsonNode item) {
		List<JsonNode> authors = embedded(item, "author");
		assertThat(authors).as("the author of %s", item.path("type")).hasSize(1);
		assertThat(Microformats.isA(authors.get(0), "h-card")).isTrue();
		return authors.get(0);
	}

	private static JsonNode entry(List<JsonNode> entries, Note note) {
		return entries.stream()
			.filter((entry) -> values(entry, "url").contains(permalink(note)))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no h-entry for " + note.slug()));
	}

	private static JsonNode parsed(String path, String url) {
		var response = server.get(path);
		assertThat(response.statusCode()).as(path).isEqualTo(200);
		return Microformats.parse(response.body(), url);
	}

	private static String permalink(Note note) {
		return SITE_URL + "notes/" + note.slug();
	}

}
