package io.starpunk.search;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.jdbc.core.simple.JdbcClient;

import io.starpunk.notes.NewNote;
import io.starpunk.notes.Note;
import io.starpunk.notes.NoteProperties;
import io.starpunk.notes.NoteService;
import io.starpunk.notes.Notes;
import io.starpunk.support.RunningServer;

import static io.starpunk.search.SearchChecks.assertSitePage;
import static io.starpunk.search.SearchChecks.feed;
import static io.starpunk.search.SearchChecks.permalink;
import static io.starpunk.search.SearchChecks.search;
import static io.starpunk.search.SearchChecks.urls;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /search}: what a visitor finds, read from the page as a reader would, on a
 * real database through the real migrations.
 */
class SearchPageTests {

	@TempDir
	static Path temp;

	private static RunningServer server;

	private static NoteService noteService;

	private static Notes notes;

	@BeforeAll
	static void start() {
		server = RunningServer.start(temp, List.of(), SearchChecks.PROPERTIES);
		noteService = server.context().getBean(NoteService.class);
		notes = server.context().getBean(Notes.class);
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@BeforeEach
	void startFromNoNotes() {
		SearchChecks.purgeAll(server);
	}

	@Test
	void everyPublicPageHasTheSearchBox() {
		Note note = noteService.create("A note with a search box above it", null, true);
		for (String path : List.of("/", "/notes/" + note.slug(), "/notes/no-such-note")) {
			Document page = SearchChecks.parseAnyStatus(server.get(path));
			SearchChecks.assertSearchBox(page.selectFirst("header form[role=search]"), "site-search-q");
		}
	}

	@Test
	void findsStemsOfAWord() {
		Note run = noteService.create("I run every morning before work.", null, true);
		noteService.create("Nothing about that here.", null, true);
		Document page = assertSitePage(server.get(search("running")), 200);
		assertThat(urls(page)).containsExactly(permalink(run));
		assertThat(urls(assertSitePage(server.get(search("runs")), 200))).containsExactly(permalink(run));
	}

	@Test
	void foldsAccentsBothWays() {
		Note accented = noteService.create("Un café noir, s'il vous plaît.", null, true);
		Note plain = noteService.create("The cafe on the corner.", null, true);
		assertThat(urls(assertSitePage(server.get(search("cafe")), 200))).containsExactlyInAnyOrder(permalink(accented),
				permalink(plain));
		assertThat(urls(assertSitePage(server.get(search("café")), 200))).containsExactlyInAnyOrder(permalink(accented),
				permalink(plain));
		assertThat(urls(assertSitePage(server.get(search("PLAIT")), 200))).containsExactly(permalink(accented));
	}

	@Test
	void needsEveryWord() {
		Note both = noteService.create("Apples and bananas in a bowl.", null, true);
		noteService.create("Apples and cherries.", null, true);
		noteService.create("Bananas alone.", null, true);
		assertThat(urls(assertSitePage(server.get(search("apple banana")), 200))).containsExactly(permalink(both));
		assertThat(urls(assertSitePage(server.get(search("\"bowl apples\"")), 200))).as("a phrase in order").isEmpty();
		assertThat(urls(assertSitePage(server.get(search("\"a bowl\"")), 200))).containsExactly(permalink(both));
		assertThat(urls(assertSitePage(server.get(search("banan*")), 200))).hasSize(2);
	}

	@Test
	void showsVisitorsOnlyPublishedNotes() {
		Note shown = noteService.create("Zeppelin flights are public.", null, true);
		noteService.create("Zeppelin drafts are private.", null, false);
		Note deleted = noteService.create("Zeppelin deleted softly.", null, true);
		noteService.delete(deleted.id());
		Document page = assertSitePage(server.get(search("zeppelin")), 200);
		assertThat(urls(page)).containsExactly(permalink(shown));
		assertThat(page.body().text()).doesNotContain("drafts are private", "deleted softly");
		assertThat(page.select(".search-count").text()).isEqualTo("1 note matches.");
	}

	@Test
	void followsEveryChangeToANoteAtOnce() {
		Note note = noteService.create("The quokka smiles.", null, true);
		assertThat(urls(assertSitePage(server.get(search("quokka")), 200))).containsExactly(permalink(note));

		noteService.update(note.id(), "The wombat smiles.", true, NoteProperties.NONE);
		assertThat(urls(assertSitePage(server.get(search("quokka")), 200))).as("old word gone").isEmpty();
		assertThat(urls(assertSitePage(server.get(search("wombat")), 200))).containsExactly(permalink(note));

		noteService.update(note.id(), "The wombat smiles.", false, NoteProperties.NONE);
		assertThat(urls(assertSitePage(server.get(search("wombat")), 200))).as("made a draft").isEmpty();
		noteService.update(note.id(), "The wombat smiles.", true, NoteProperties.NONE);

		noteService.delete(note.id());
		assertThat(urls(assertSitePage(server.get(search("wombat")), 200))).as("deleted").isEmpty();
		noteService.restore(note.id());
		assertThat(urls(assertSitePage(server.get(search("wombat")), 200))).as("restored")
			.containsExactly(permalink(note));

		noteService.purge(note.id());
		assertThat(urls(assertSitePage(server.get(search("wombat")), 200))).as("purged").isEmpty();
		JdbcClient jdbc = server.context().getBean(JdbcClient.class);
		assertThat(jdbc.sql("SELECT count(*) FROM notes_fts WHERE rowid = ?")
			.param(note.id())
			.query(Integer.class)
			.single()).as("its index row went with it").isZero();
	}

	@Test
	void listsResultsAsAnHFeedOfEntriesWithMarkedSnippets() {
		Note note = noteService.create("# Trip notes\n\nWe saw a **narwhal** near the ice, then another narwhal.", null,
				true);
		Document page = assertSitePage(server.get(search("narwhals")), 200);
		Element feed = feed(page);
		assertThat(feed.selectFirst(".p-name").text()).isEqualTo("Notes matching “narwhals”");
		List<Element> entries = feed.select(".h-entry");
		assertThat(entries).hasSize(1);
		Element entry = entries.get(0);
		assertThat(entry.selectFirst(".u-url").attr("href")).isEqualTo(permalink(note));
		assertThat(entry.selectFirst(".p-name").text()).isEqualTo("Trip notes");
		assertThat(entry.select("time.dt-published").attr("datetime")).matches("\\d{4}-\\d\\d-\\d\\dT[\\d:]+Z");
		Element summary = entry.selectFirst(".p-summary");
		assertThat(summary.select("mark").eachText()).containsExactly("narwhal", "narwhal");
		assertThat(summary.text()).contains("We saw a narwhal near the ice").doesNotContain("**", "#");
		assertThat(summary.children().select("*:not(mark)")).isEmpty();
		assertThat(page.selectFirst("main form[role=search] input[name=q]").val()).isEqualTo("narwhals");
		assertThat(page.select("head > title").text()).isEqualTo("Search: narwhals – Test Site");
	}

	@Test
	void neverTurnsANotesTextIntoMarkupInASnippet() {
		noteService.create("Use `<script>alert(1)</script>` with care, xylophone player.", null, true);
		noteService.create(new NewNote(
				"<p>An <b>xylophone</b> &lt;img src=x onerror=alert(2)&gt; here</p>" + "<script>alert(3)</script>",
				null, true, null, new NoteProperties(Map.of(), true)));
		Document page = assertSitePage(server.get(search("xylophone")), 200);
		List<Element> summaries = feed(page).select(".p-summary");
		assertThat(summaries).hasSize(2);
		for (Element summary : summaries) {
			assertThat(summary.select("*:not(mark)")).as(summary.html()).hasSize(1);
			assertThat(summary.select("mark").text()).isEqualToIgnoringCase("xylophone");
		}
		assertThat(page.select("main script, main img, main b")).isEmpty();
		assertThat(feed(page).text()).contains("<script>alert(1)</script>", "<img src=x onerror=alert(2)>")
			.doesNotContain("alert(3)");
	}

	@Test
	void pagesThroughManyResults() {
		List<String> expected = new ArrayList<>();
		for (int i = 1; i <= 25; i++) {
			expected.add(0, permalink(noteService.create("Pagination test note number " + i, null, true)));
		}
		Document first = assertSitePage(server.get(search("pagination")), 200);
		assertThat(urls(first)).hasSize(SearchController.PAGE_SIZE);
		assertThat(first.select(".search-count").text()).isEqualTo("25 notes match. Showing 1–20.");
		assertThat(first.select("a[rel=prev]")).isEmpty();
		Element next = first.selectFirst(".h-feed a[rel=next]");
		assertThat(next.attr("href")).isEqualTo(SearchChecks.SITE_URL + "search?q=pagination&page=2");
		Document second = assertSitePage(server.get(SearchChecks.local(next.attr("href"))), 200);
		assertThat(urls(second)).hasSize(5);
		assertThat(second.select("a[rel=next]")).isEmpty();
		assertThat(second.selectFirst(".h-feed a[rel=prev]").attr("href"))
			.isEqualTo(SearchChecks.SITE_URL + "search?q=pagination");
		List<String> seen = new ArrayList<>(urls(first));
		seen.addAll(urls(second));
		assertThat(seen).as("equal rank: newest first, none lost or repeated").containsExactlyElementsOf(expected);
		Document beyond = assertSitePage(server.get(search("pagination") + "&page=9"), 200);
		assertThat(urls(beyond)).isEmpty();
	}

	@Test
	void saysSoWhenNothingMatches() {
		noteService.create("Something else entirely.", null, true);
		Document page = assertSitePage(server.get(search("unicorn")), 200);
		assertThat(urls(page)).isEmpty();
		assertThat(page.select(".search-count").text()).isEqualTo("No notes match.");
	}

	@Test
	void answersAnEmptyOrWordlessQueryWith400AndTheForm() {
		for (String path : List.of("/search", "/search?q=", search("   "), search("*"), search("\"-:\""))) {
			Document page = assertSitePage(server.get(path), 400);
			assertThat(page.select(".search-problem").text()).as(path).startsWith("Type a word to search for");
			SearchChecks.assertSearchBox(page.selectFirst("main form[role=search]"), "search-page-q");
			assertThat(page.select(".h-feed")).isEmpty();
		}
		Document page = assertSitePage(server.get(search("x") + "&page=0"), 400);
		assertThat(page.select(".search-problem").text()).contains("page of results does not exist");
	}

}
