package io.starpunk.site;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

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
 * Note permalinks on a StarPunk 0.9.5 data directory: the h-entry, old URLs, notes that
 * are drafts, deleted or missing, hostile text and files changed behind our back.
 */
class NotePageTests {

	@TempDir
	static Path temp;

	private static Path dataPath;

	private static RunningServer server;

	@BeforeAll
	static void startOnTheLegacyFixture() {
		dataPath = LegacyFixtures.copy("v0.9.5", temp);
		server = RunningServer.start(dataPath, List.of(FailingPage.class), PageChecks.PROPERTIES);
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@Test
	void showsANoteAsOneHEntry() {
		HttpResponse<String> response = server.get("/notes/hello-world");
		assertThat(response.statusCode()).isEqualTo(200);
		Document page = assertSitePage(response);
		Element entry = only(page, ".h-entry");
		String permalink = SITE_URL + "notes/hello-world";
		assertThat(only(page, ".h-entry .u-url.u-uid").attr("href")).isEqualTo(permalink);
		assertThat(only(page, ".h-entry .u-uid").attr("href")).isEqualTo(permalink);
		assertThat(only(page, ".h-entry time.dt-published").attr("datetime")).isEqualTo("2025-11-18T12:00:00Z");
		assertThat(entry.select(".dt-updated")).isEmpty();
		assertThat(entry.select(".h-entry > .p-name")).as("a note without a name has no p-name").isEmpty();
		assertThat(only(page, "main h1.visually-hidden").text())
			.isEqualTo("Hello world! This is my first note on StarPunk.");
		assertThat(only(page, ".h-entry .e-content").html()).contains("<strong>first</strong>");
		Element author = only(page, ".h-entry .p-author.h-card");
		assertThat(author.selectFirst(".p-name.u-url").attr("href")).isEqualTo(PageChecks.ME);
		assertThat(author.selectFirst(".u-photo").attr("src")).isEqualTo("https://owner.example/photo.jpg");
		assertThat(author.text()).isEqualTo("Ada <b>Owner</b>");
		assertThat(author.select("b")).isEmpty();
		assertThat(page.title()).isEqualTo("Hello world! This is my first note on StarPunk. – Test Site");
		assertThat(page.select(".notice")).isEmpty();
	}

	@Test
	void marksAnEditedNoteWithDtUpdated() {
		NoteService noteService = server.context().getBean(NoteService.class);
		Notes notes = server.context().getBean(Notes.class);
		Note note = notes.findBySlug("a-note-with-a-link").orElseThrow();
		noteService.update(note.id(), "Reading <https://indieweb.org/note> again, edited.", true,
				notes.properties(note));
		Document page = assertSitePage(server.get("/notes/a-note-with-a-link"));
		assertThat(only(page, ".h-entry time.dt-published").attr("datetime")).isEqualTo("2025-11-19T12:00:00Z");
		assertThat(only(page, ".h-entry time.dt-updated").attr("datetime")).matches("\\d{4}-\\d\\d-\\d\\dT[\\d:]+Z")
			.isNotEqualTo("2025-11-19T12:00:00Z");
		assertThat(only(page, ".h-entry .e-content").text()).contains("again, edited.");
	}

	@Test
	void sendsStarPunk09PermalinksToTheNewOnePermanently() {
		HttpResponse<String> response = server.get("/note/hello-world");
		assertThat(response.statusCode()).isEqualTo(301);
		assertThat(response.headers().firstValue("Location")).hasValue(SITE_URL + "notes/hello-world");
	}

	@Test
	void answersADeletedNoteWith410Page() {
		HttpResponse<String> response = server.get("/notes/deleted-note");
		assertThat(response.statusCode()).isEqualTo(410);
		Document page = assertSitePage(response);
		assertThat(page.select("main h1").text()).isEqualTo("This note was deleted");
		assertThat(response.body()).doesNotContain("deleted softly");
	}

	@Test
	void answersDraftsAndUnknownSlugsWith404Page() {
		for (String path : List.of("/notes/draft-thoughts", "/notes/nope", "/no/such/page")) {
			HttpResponse<String> response = server.get(path);
			assertThat(response.statusCode()).as(path).isEqualTo(404);
			Document page = assertSitePage(response);
			assertThat(page.select("main h1").text()).isEqualTo("Not found");
			assertThat(response.body()).doesNotContain("Not ready yet");
		}
	}

	@Test
	void showsOtherErrorsInTheLayoutWithoutDetails() throws Exception {
		// a POST without a CSRF token is refused before any handler sees it
		HttpResponse<String> refused = post("/notes/hello-world");
		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(assertSitePage(refused).select("main h1").text()).isEqualTo("Refused");
		// a page that fails: the server says little
		HttpResponse<String> failed = server.get(FailingPage.PATH);
		assertThat(failed.statusCode()).isEqualTo(500);
		Document page = assertSitePage(failed);
		assertThat(page.select("main h1").text()).isEqualTo("Something went wrong");
		assertThat(failed.body()).doesNotContain("IllegalStateException", "Is a directory", "notes/secret.md");
	}

	@Test
	void answersARepeatedRequestWith304() {
		String etag = server.get("/notes/hello-world").headers().firstValue("ETag").orElseThrow();
		assertThat(PageChecks.get(server, "/notes/hello-world", "If-None-Match", etag).statusCode()).isEqualTo(304);
	}

	@Test
	void rendersHostileTextInert() {
		NoteService noteService = server.context().getBean(NoteService.class);
		Notes notes = server.context().getBean(Notes.class);
		Note note = noteService.create("""
				Hostile <script>alert(1)</script> text

				<img src=x onerror=alert(1)>

				[x](javascript:alert(1)) and <a href="javascript:alert(2)">y</a>
				""", "hostile", true);
		HttpResponse<String> response = server.get("/notes/" + note.slug());
		assertThat(response.statusCode()).isEqualTo(200);
		Document page = assertSitePage(response);
		Element content = only(page, ".h-entry .e-content");
		assertThat(content.html()).doesNotContainIgnoringCase("<script").doesNotContainIgnoringCase("onerror");
		assertThat(content.select("script, [onerror]")).isEmpty();
		assertThat(content.select("a").eachAttr("href")).noneMatch((href) -> href.contains("javascript:"));
		assertThat(response.body()).doesNotContainIgnoringCase("javascript:").doesNotContain("alert(1)</script>");
		assertThat(content.text()).contains("Hostile");
	}

	@Test
	void showsANoteWhoseFileChangedWithANotice() throws Exception {
		Note note = server.context().getBean(Notes.class).findBySlug("unicode-cafe").orElseThrow();
		Files.writeString(dataPath.resolve(note.filePath()), "Changed *behind* StarPunk's back.");
		HttpResponse<String> response = server.get("/notes/unicode-cafe");
		assertThat(response.statusCode()).isEqualTo(200);
		Document page = assertSitePage(response);
		assertThat(only(page, ".h-entry .notice").text()).contains("This note's file changed outside StarPunk");
		assertThat(only(page, ".h-entry .e-content").html()).contains("<em>behind</em>");
		Document home = assertSitePage(server.get("/"));
		assertThat(home.select(".h-entry .notice").text()).contains("This note's file changed outside StarPunk");
	}

	/**
	 * A page that always fails, for this test's server only: no annotation, so that no
	 * component scan finds it.
	 */
	static class FailingPage {

		static final String PATH = "/test/failure";

		@Bean
		RouterFunction<ServerResponse> failingPage() {
			return RouterFunctions.route().GET(PATH, (request) -> {
				throw new IllegalStateException("Is a directory: notes/secret.md");
			}).build();
		}

	}

	private static HttpResponse<String> post(String path) {
		try {
			return java.net.http.HttpClient.newHttpClient()
				.send(java.net.http.HttpRequest.newBuilder(server.uri(path))
					.POST(java.net.http.HttpRequest.BodyPublishers.noBody())
					.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
