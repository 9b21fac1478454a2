package io.starpunk.site;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.starpunk.notes.Note;
import io.starpunk.notes.NoteService;
import io.starpunk.notes.Notes;
import io.starpunk.support.LegacyFixtures;
import io.starpunk.support.RunningServer;

import static io.starpunk.site.PageChecks.SITE_URL;
import static io.starpunk.site.PageChecks.assertSitePage;
import static io.starpunk.site.PageChecks.only;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The home page of a StarPunk 0.9.5 data directory: the owner's h-card and an h-feed of
 * the public notes.
 */
class HomePageTests {

	@TempDir
	static Path temp;

	private static RunningServer server;

	@BeforeAll
	static void startOnTheLegacyFixture() {
		server = RunningServer.start(LegacyFixtures.copy("v0.9.5", temp), List.of(), PageChecks.PROPERTIES);
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@Test
	void listsThePublicNotesNewestFirstAsOneHFeed() {
		HttpResponse<String> response = server.get("/");
		assertThat(response.statusCode()).isEqualTo(200);
		Document page = assertSitePage(response);
		Element feed = only(page, ".h-feed");
		List<Element> entries = feed.select(".h-entry");
		assertThat(entries).extracting((entry) -> entry.selectFirst(".u-url").attr("href"))
			.containsExactly(SITE_URL + "notes/unicode-cafe", SITE_URL + "notes/a-note-with-a-link",
					SITE_URL + "notes/hello-world");
		for (Element entry : entries) {
			assertThat(entry.selectFirst(".u-url").attr("href")).doesNotContain("//notes/");
			assertThat(entry.select("time.dt-published").attr("datetime")).matches("\\d{4}-\\d\\d-\\d\\dT[\\d:]+Z");
			assertThat(entry.select(".e-content")).hasSize(1);
		}
		assertThat(entries.get(2).select("time.dt-published").attr("datetime")).isEqualTo("2025-11-18T12:00:00Z");
		assertThat(entries.get(2).selectFirst(".e-content").html()).contains("<strong>first</strong>");
		assertThat(entries.get(0).selectFirst(".e-content").text()).contains("Café, naïve, 日本語, emoji 🎉");
		assertThat(response.body()).doesNotContain("draft-thoughts", "Not ready yet", "deleted-note", "deleted softly");
		assertThat(feed.select(".pagination")).isEmpty();
	}

	@Test
	void carriesTheOwnersHCardWithRelMeAsTheFeedsAuthor() {
		Document page = assertSitePage(server.get("/"));
		Element card = only(page, ".h-feed > header > .p-author.h-card");
		Element link = card.selectFirst(".u-url");
		assertThat(link.attr("href")).isEqualTo(PageChecks.ME);
		assertThat(link.attr("rel")).isEqualTo("me");
		assertThat(card.select(".p-name").text()).as("escaped, not markup").isEqualTo("Ada <b>Owner</b>");
		assertThat(card.select("b")).isEmpty();
		assertThat(page.select("a[rel=me]").attr("href")).isEqualTo(PageChecks.ME);
		assertThat(card.select("img.u-photo").attr("src")).isEqualTo("https://owner.example/photo.jpg");
		assertThat(card.select("a[rel=me]").eachAttr("href")).containsExactly(PageChecks.ME, "https://github.com/owner",
				"https://social.example/@owner");
	}

	@Test
	void servesTheStylesheet() {
		HttpResponse<String> response = server.get("/css/site.css");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/css"));
		assertThat(response.body()).contains("max-width", "@media");
	}

	@Test
	void answersARepeatedRequestWith304() {
		HttpResponse<String> first = server.get("/");
		String etag = first.headers().firstValue("ETag").orElseThrow();
		assertThat(etag).startsWith("\"").doesNotStartWith("W/");
		HttpResponse<String> again = PageChecks.get(server, "/", "If-None-Match", etag);
		assertThat(again.statusCode()).isEqualTo(304);
		assertThat(again.body()).isEmpty();
		assertThat(PageChecks.get(server, "/", "If-None-Match", "\"something-else\"").statusCode()).isEqualTo(200);
	}

	@Test
	void answersAMalformedPageTokenWith400Page() {
		for (String token : List.of("nonsense", "", "12-", "-3", "1732470000-42-1", "99999999999999999999-1")) {
			HttpResponse<String> response = server.get("/?before=" + token);
			assertThat(response.statusCode()).as(token).isEqualTo(400);
			Document page = assertSitePage(response);
			assertThat(page.select("main h1").text()).isEqualTo("Bad page link");
		}
	}

	@Test
	void pagesThroughManyNotesWithoutLosingOrRepeatingAny(@TempDir Path own) {
		try (RunningServer busy = RunningServer.start(LegacyFixtures.copy("v0.9.5", own), List.of(),
				PageChecks.PROPERTIES)) {
			NoteService noteService = busy.context().getBean(NoteService.class);
			Notes notes = busy.context().getBean(Notes.class);
			List<String> expected = new ArrayList<>();
			for (int i = 1; i <= 45; i++) {
				Note note = noteService.create("Numbered note " + i + " of many", null, true);
				expected.add(0, note.slug());
			}
			noteService.create("A draft among them", null, false);
			expected.addAll(List.of("unicode-cafe", "a-note-with-a-link", "hello-world"));
			List<String> seen = new ArrayList<>();
			String path = "/";
			int pages = 0;
			while (path != null) {
				HttpResponse<String> response = busy.get(path);
				assertThat(response.statusCode()).isEqualTo(200);
				Document page = assertSitePage(response);
				List<Element> entries = page.select(".h-feed .h-entry");
				assertThat(entries).hasSizeLessThanOrEqualTo(HomeController.PAGE_SIZE);
				entries.forEach((entry) -> seen.add(entry.selectFirst(".u-url").attr("href")));
				Element older = page.selectFirst(".h-feed a[rel=next]");
				path = (older != null) ? PageChecks.local(older.attr("href")) : null;
				if (older != null) {
					assertThat(older.attr("href")).matches("\\Q" + SITE_URL + "\\E\\?before=\\d+-\\d+");
					// a note published meanwhile does not move the next page
					noteService.create("Published while paging " + pages, null, true);
				}
				pages++;
			}
			assertThat(pages).isEqualTo(3);
			assertThat(new HashSet<>(seen)).hasSameSizeAs(seen);
			assertThat(seen)
				.containsExactlyElementsOf(expected.stream().map((slug) -> SITE_URL + "notes/" + slug).toList());
		}
	}

}
