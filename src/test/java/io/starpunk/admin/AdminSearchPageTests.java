package io.starpunk.admin;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.starpunk.notes.Note;
import io.starpunk.notes.NoteService;
import io.starpunk.notes.Notes;
import io.starpunk.support.OwnerClient;
import io.starpunk.support.RunningServer;

import static io.starpunk.admin.AdminChecks.assertAdminPage;
import static io.starpunk.admin.AdminChecks.only;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /admin/search}: the owner finds drafts and deleted notes too, marked, with
 * links to edit them; nobody else gets in.
 */
class AdminSearchPageTests {

	@TempDir
	static Path temp;

	private static RunningServer server;

	private static NoteService noteService;

	private static Notes notes;

	private OwnerClient owner;

	@BeforeAll
	static void start() {
		server = RunningServer.start(temp, List.of(), AdminChecks.PROPERTIES);
		noteService = server.context().getBean(NoteService.class);
		notes = server.context().getBean(Notes.class);
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@BeforeEach
	void startFromNoNotes() {
		AdminChecks.purgeAll(server);
		this.owner = OwnerClient.signIn(server, OwnerClient.PASSWORD);
	}

	@Test
	void findsPublishedDraftAndDeletedNotesWithTheirStatus() {
		Note published = noteService.create("Lantern festival tonight.", null, true);
		Note draft = noteService.create("# Lantern draft\n\nNot ready about lanterns.", null, false);
		Note deleted = noteService.create("Lanterns, deleted.", null, true);
		noteService.delete(deleted.id());
		noteService.create("Nothing to see.", null, true);

		Document page = assertAdminPage(this.owner.get("/admin/search?q=lantern"), 200);
		assertThat(page.select("main h1").text()).isEqualTo("Search notes");
		assertThat(only(page, "main form[role=search] input[name=q]").val()).isEqualTo("lantern");
		assertThat(only(page, ".note-counts").text()).isEqualTo("3 notes match.");
		List<Element> rows = page.select("ol.search-matches > li.admin-note");
		assertThat(rows).extracting((row) -> row.attr("data-note-id"))
			.containsExactlyInAnyOrder(id(published), id(draft), id(deleted));
		Element draftRow = row(rows, draft);
		assertThat(draftRow.selectFirst(".status").text()).isEqualTo("Draft");
		assertThat(draftRow.selectFirst(".headline").text()).isEqualTo("Lantern draft");
		assertThat(draftRow.select(".snippet mark").eachText()).contains("lanterns");
		assertThat(draftRow.select("a.edit").attr("href")).isEqualTo("/admin/edit/" + draft.id());
		assertThat(draftRow.select("a.view")).isEmpty();
		Element deletedRow = row(rows, deleted);
		assertThat(deletedRow.selectFirst(".status").text()).isEqualTo("Deleted");
		assertThat(deletedRow.select("a.edit")).isEmpty();
		Element publishedRow = row(rows, published);
		assertThat(publishedRow.selectFirst(".status").text()).isEqualTo("Published");
		assertThat(publishedRow.select("a.view").attr("href"))
			.isEqualTo(AdminChecks.SITE_URL + "notes/" + published.slug());
		assertThat(publishedRow.select("a.edit").attr("href")).isEqualTo("/admin/edit/" + published.id());
	}

	@Test
	void theDashboardCarriesTheSearchForm() {
		Document page = assertAdminPage(this.owner.get("/admin"), 200);
		Element form = only(page, "main form[role=search]");
		assertThat(form.attr("action")).isEqualTo("/admin/search");
		assertThat(form.attr("method")).isEqualTo("get");
		Element field = form.selectFirst("input[type=search][name=q]");
		assertThat(form.select("label[for=" + field.id() + "]").text()).isNotBlank();
	}

	@Test
	void refusesAnEmptyQueryWith400AndTheForm() {
		for (String path : List.of("/admin/search", "/admin/search?q=", "/admin/search?q=%2A",
				"/admin/search?q=x&page=0")) {
			Document page = assertAdminPage(this.owner.get(path), 400);
			assertThat(page.select(".search-problem").text()).as(path).isNotBlank();
			assertThat(page.select("main form[role=search]")).hasSize(1);
		}
	}

	@Test
	void pagesThroughManyMatches() {
		for (int i = 0; i < AdminSearchController.PAGE_SIZE + 3; i++) {
			noteService.create("Many matches " + i, null, (i % 2) == 0);
		}
		Document first = assertAdminPage(this.owner.get("/admin/search?q=matches"), 200);
		assertThat(first.select("li.admin-note")).hasSize(AdminSearchController.PAGE_SIZE);
		String next = first.selectFirst("a[rel=next]").attr("href");
		assertThat(next).isEqualTo("/admin/search?q=matches&page=2");
		Document second = assertAdminPage(this.owner.get(next), 200);
		assertThat(second.select("li.admin-note")).hasSize(3);
		assertThat(second.select("a[rel=next]")).isEmpty();
		assertThat(second.selectFirst("a[rel=prev]").attr("href")).isEqualTo("/admin/search?q=matches");
	}

	@Test
	void isTheOwnersOnly() {
		noteService.create("A draft nobody else may find, heliotrope.", null, false);
		HttpResponse<String> response = OwnerClient.anonymous(server).get("/admin/search?q=heliotrope");
		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(response.headers().firstValue("Location").orElseThrow()).endsWith("/auth/login");
		assertThat(response.body()).doesNotContain("heliotrope");
	}

	private static Element row(List<Element> rows, Note note) {
		return rows.stream().filter((row) -> row.attr("data-note-id").equals(id(note))).findFirst().orElseThrow();
	}

	private static String id(Note note) {
		return Long.toString(note.id());
	}

}
