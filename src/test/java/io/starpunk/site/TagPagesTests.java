package io.starpunk.site;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.starpunk.notes.NewNote;
import io.starpunk.notes.Note;
import io.starpunk.notes.NoteProperties;
import io.starpunk.notes.NoteService;
import io.starpunk.notes.Notes;
import io.starpunk.support.MicropubClient;
import io.starpunk.support.RunningServer;
import io.starpunk.support.TestTokens;

import static io.starpunk.site.PageChecks.SITE_URL;
import static io.starpunk.site.PageChecks.assertSitePage;
import static io.starpunk.site.PageChecks.only;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tags on the public pages: from Micropub categories to rel=tag links on entries, the
 * list of tags, each tag's paged h-feed, and the addresses that lead there.
 */
class TagPagesTests {

	private static final String TOKEN = "tag-pages-token-0123456789abcdef0123456789";

	@TempDir
	static Path dataPath;

	private static RunningServer server;

	private static MicropubClient micropub;

	private static NoteService noteService;

	private static Notes notes;

	@BeforeAll
	static void start() throws Exception {
		server = RunningServer.start(dataPath, List.of(), PageChecks.PROPERTIES);
		TestTokens.insert(dataPath, TOKEN, PageChecks.ME, "create update delete");
		micropub = new MicropubClient(server);
		noteService = server.context().getBean(NoteService.class);
		notes = server.context().getBean(Notes.class);
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@Test
	void micropubCategoriesOfAnySpellingAreOneTagShownAsFirstSpelled() {
		String first = created(micropub.form(TOKEN, "h", "entry", "content", "First about the web", "category[]",
				"IndieWeb", "category[]", "Café"));
		String second = created(micropub.json(TOKEN, """
				{"type": ["h-entry"], "properties": {"content": ["Second about the web"],
				 "category": ["indieweb", "INDIEWEB", "cafe", "https://person.example/", "AC/DC", ".."]}}"""));
		String third = created(
				micropub.form(TOKEN, "h", "entry", "content", "Third about the web", "category", "Indiewéb"));

		Document page = assertSitePage(server.get(PageChecks.local(second)));
		Element entry = only(page, ".h-entry");
		List<Element> tags = entry.select("a.p-category");
		assertThat(tags).extracting(Element::text).containsExactly("IndieWeb", "Café");
		assertThat(tags).extracting((tag) -> tag.attr("rel")).containsOnly("tag");
		assertThat(tags).extracting((tag) -> tag.attr("href"))
			.containsExactly(SITE_URL + "tags/indieweb", SITE_URL + "tags/cafe");
		assertThat(entry.select(".p-category:not(a)")).as("a person tag is a category, not a tag")
			.extracting(Element::text)
			.containsExactly("https://person.example/", "AC/DC", "..");
		assertThat(assertSitePage(server.get(PageChecks.local(third))).select(".h-entry a.p-category[rel=tag]"))
			.extracting(Element::text)
			.containsExactly("IndieWeb");
		assertThat(assertSitePage(server.get("/")).select(".h-entry a.p-category[rel=tag]").eachText())
			.as("the home page's entries link their tags too")
			.contains("IndieWeb", "Café");

		Document tagPage = assertSitePage(server.get("/tags/indieweb"));
		Element feed = only(tagPage, ".h-feed");
		assertThat(only(tagPage, ".h-feed > .p-name").text()).isEqualTo("Notes tagged IndieWeb");
		assertThat(feed.select(".h-entry .entry-meta > .u-url").eachAttr("href")).containsExactly(third, second, first);
		Map<String, Integer> counts = counts(assertSitePage(server.get("/tags")));
		assertThat(counts).containsEntry("IndieWeb", 3).containsEntry("Café", 2);
	}

	@Test
	void theListCountsOnlyPublishedNotesAndADraftsTagIsNotFound() {
		create("Public and tagged", true, "Counted");
		create("Also public", true, "Counted");
		create("A draft of it", false, "Counted");
		create("A draft only", false, "Secret Plans");
		Note gone = create("Deleted later", true, "Gone Soon");
		noteService.delete(gone.id());

		Document list = assertSitePage(server.get("/tags"));
		assertThat(only(list, "main h1").text()).isEqualTo("Tags");
		Map<String, Integer> counts = counts(list);
		assertThat(counts).containsEntry("Counted", 2).doesNotContainKeys("Secret Plans", "Gone Soon");
		List<String> names = new ArrayList<>(counts.keySet());
		assertThat(names).isSortedAccordingTo(String.CASE_INSENSITIVE_ORDER);

		for (String path : List.of("/tags/secret-plans", "/tags/gone-soon", "/tags/no-such-tag")) {
			HttpResponse<String> response = server.get(path);
			assertThat(response.statusCode()).as(path).isEqualTo(404);
			assertThat(response.body()).doesNotContain("A draft only", "Secret Plans");
			assertSitePage(response);
		}
	}

	@Test
	void aTagsPageIsAPagedHFeedThatAdvertisesItsFeeds() {
		List<String> expected = new ArrayList<>();
		for (int i = 1; i <= 25; i++) {
			expected.add(0, SITE_URL + "notes/" + create("Paged note number " + i, true, "Paged").slug());
		}
		create("Not paged", true, "Elsewhere");
		List<String> seen = new ArrayList<>();
		String path = "/tags/paged";
		int pages = 0;
		while (path != null) {
			HttpResponse<String> response = server.get(path);
			assertThat(response.statusCode()).as(path).isEqualTo(200);
			Document page = assertSitePage(response);
			Element feed = only(page, ".h-feed");
			assertThat(only(page, ".h-feed > .p-name").text()).isEqualTo("Notes tagged Paged");
			feed.select(".h-entry").forEach((entry) -> seen.add(entry.selectFirst(".u-url").attr("href")));
			assertThat(page.select("head link[rel=alternate][title]"))
				.extracting((link) -> link.attr("type"), (link) -> link.attr("href"))
				.containsExactly(
						org.assertj.core.groups.Tuple.tuple("application/rss+xml", SITE_URL + "tags/paged/feed.xml"),
						org.assertj.core.groups.Tuple.tuple("application/atom+xml", SITE_URL + "tags/paged/feed.atom"),
						org.assertj.core.groups.Tuple.tuple("application/feed+json",
								SITE_URL + "tags/paged/feed.json"));
			assertThat(page.select("head link[rel=alternate][title]").eachAttr("title"))
				.allSatisfy((title) -> assertThat(title).contains("Paged"));
			Element next = page.selectFirst("a[rel=next]");
			path = (next != null) ? PageChecks.local(next.attr("href")) : null;
			pages++;
		}
		assertThat(pages).isEqualTo(2);
		assertThat(seen).isEqualTo(expected);
		assertThat(new HashSet<>(seen)).hasSize(25);
		assertThat(server.get("/tags/paged?before=nonsense").statusCode()).isEqualTo(400);
	}

	/**
	 * A tag as big as {@code NoteRepository.WALK_FROM} is read by walking the newest
	 * public notes instead of sorting the tag's: its pages must hold exactly the same
	 * notes in the same order, with the drafts, the deleted notes and the other tags'
	 * notes between them left out.
	 */
	@Test
	void aBigTagPagesThroughExactlyItsPublicNotesNewestFirst() {
		List<String> expected = new ArrayList<>();
		for (int i = 1; i <= 230; i++) {
			expected.add(0, SITE_URL + "notes/" + create("Big tag note " + i, true, "Big Tag").slug());
			if (i % 3 == 0) {
				create("Between, other tag " + i, true, "Small Tag");
			}
			if (i % 7 == 0) {
				create("Between, a draft " + i, false, "Big Tag");
			}
			if (i % 11 == 0) {
				Note deleted = create("Between, deleted " + i, true, "Big Tag");
				noteService.delete(deleted.id());
			}
		}
		List<String> seen = new ArrayList<>();
		String path = "/tags/big-tag";
		while (path != null) {
			HttpResponse<String> response = server.get(path);
			assertThat(response.statusCode()).as(path).isEqualTo(200);
			Document page = assertSitePage(response);
			page.select(".h-feed .h-entry").forEach((entry) -> seen.add(entry.selectFirst(".u-url").attr("href")));
			Element next = page.selectFirst("a[rel=next]");
			path = (next != null) ? PageChecks.local(next.attr("href")) : null;
		}
		assertThat(seen).isEqualTo(expected);
		assertThat(entries("/tags/small-tag")).hasSize(20).allSatisfy((url) -> assertThat(url).contains("between"));
	}

	@Test
	void otherSpellingsAndStarPunksOldAddressAnswer301() {
		create("Spelled one way", true, "Spelling Bee");
		assertMoved(server.get("/tags/Spelling%20Bee"), SITE_URL + "tags/spelling-bee");
		assertMoved(server.get("/tags/SPELLING-BEE"), SITE_URL + "tags/spelling-bee");
		assertMoved(server.get("/tag/spelling-bee"), SITE_URL + "tags/spelling-bee");
		assertMoved(server.get("/tag/Spelling%20Bee?before=1732470000-42"),
				SITE_URL + "tags/spelling-bee?before=1732470000-42");
		assertThat(server.get("/tags/spelling-bee").statusCode()).isEqualTo(200);
		create("Accented", true, "Crème Brûlée");
		assertMoved(server.get("/tags/Cr%C3%A8me%20Br%C3%BBl%C3%A9e"), SITE_URL + "tags/creme-brulee");
		assertThat(assertSitePage(server.get("/tags/creme-brulee")).select(".h-feed > .p-name").text())
			.isEqualTo("Notes tagged Crème Brûlée");
	}

	@Test
	void aTagInAnotherScriptHasItsOwnEncodedAddress() {
		Note note = create("In Japanese", true, "日本語");
		Element link = only(assertSitePage(server.get("/notes/" + note.slug())), ".h-entry a.p-category[rel=tag]");
		assertThat(link.text()).isEqualTo("日本語");
		assertThat(link.attr("href")).isEqualTo(SITE_URL + "tags/%E6%97%A5%E6%9C%AC%E8%AA%9E");
		Document page = assertSitePage(server.get(PageChecks.local(link.attr("href"))));
		assertThat(page.select(".h-feed > .p-name").text()).isEqualTo("Notes tagged 日本語");
		assertThat(page.select("head link[rel=alternate][type=application/rss+xml][title]").attr("href"))
			.isEqualTo(SITE_URL + "tags/%E6%97%A5%E6%9C%AC%E8%AA%9E/feed.xml");
		assertThat(server.get("/tags/%E6%97%A5%E6%9C%AC%E8%AA%9E/feed.xml").statusCode()).isEqualTo(200);
	}

	@Test
	void aPurgedNotesTagIsGone() {
		Note note = create("Soon purged", true, "Purged Tag");
		assertThat(server.get("/tags/purged-tag").statusCode()).isEqualTo(200);
		noteService.delete(note.id());
		assertThat(server.get("/tags/purged-tag").statusCode()).isEqualTo(404);
		noteService.purge(note.id());
		assertThat(server.get("/tags/purged-tag").statusCode()).isEqualTo(404);
		assertThat(counts(assertSitePage(server.get("/tags")))).doesNotContainKey("Purged Tag");
	}

	@Test
	void anEmptyListSaysSo(@TempDir Path empty) {
		try (RunningServer fresh = RunningServer.start(empty, List.of(), PageChecks.PROPERTIES)) {
			Document page = assertSitePage(fresh.get("/tags"));
			assertThat(page.select("main").text()).contains("No tags yet");
		}
	}

	private static Note create(String text, boolean published, String tag) {
		return noteService.create(
				new NewNote(text, null, published, null, new NoteProperties(Map.of("category", List.of(tag)), false)));
	}

	private static String created(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return response.headers().firstValue("Location").orElseThrow();
	}

	private static List<String> entries(String path) {
		HttpResponse<String> response = server.get(path);
		assertThat(response.statusCode()).as(path).isEqualTo(200);
		return assertSitePage(response).select(".h-feed .h-entry .entry-meta > .u-url").eachAttr("href");
	}

	private static Map<String, Integer> counts(Document list) {
		Map<String, Integer> counts = new java.util.LinkedHashMap<>();
		for (Element item : list.select("ul.tag-list > li")) {
			Element link = item.selectFirst("a.tag");
			assertThat(link.attr("href")).startsWith(SITE_URL + "tags/");
			String count = item.selectFirst(".tag-count").text().replaceAll("[^0-9]", "");
			counts.put(link.text(), Integer.parseInt(count));
		}
		return counts;
	}

	private static void assertMoved(HttpResponse<String> response, String location) {
		assertThat(response.statusCode()).isEqualTo(301);
		assertThat(response.headers().firstValue("Location")).hasValue(location);
	}

}
