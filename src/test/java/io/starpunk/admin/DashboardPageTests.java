package io.starpunk.admin;

import java.net.http.HttpResponse;
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

import io.starpunk.notes.Note;
import io.starpunk.notes.NoteCounts;
import io.starpunk.notes.NoteService;
import io.starpunk.notes.Notes;
import io.starpunk.support.OwnerClient;
import io.starpunk.support.RunningServer;

import static io.starpunk.admin.AdminChecks.assertAdminPage;
import static io.starpunk.admin.AdminChecks.only;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /admin}: the owner's list of notes, over HTTP on a real database.
 */
class DashboardPageTests {

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
	void listsNotesNewestFirstWithTheirStatusesAndCounts() {
		Note first = noteService.create("First *note* here", null, true);
		Note draft = noteService.create("# A draft\n\nNot ready", null, false);
		Note gone = noteService.create("Gone soon", null, true);
		noteService.delete(gone.id());
		Note last = noteService.create("Newest note", null, true);

		Document page = assertAdminPage(this.owner.get("/admin"), 200);

		assertThat(page.select("main h1").text()).isEqualTo("Notes");
		assertThat(only(page, ".note-counts").text()).isEqualTo("2 published · 1 draft · 1 deleted");
		assertThat(only(page, "a.new-note").attr("href")).isEqualTo("/admin/new");
		List<Element> items = page.select("ol.admin-notes > li.admin-note");
		assertThat(items).extracting((item) -> item.attr("data-note-id"))
			.containsExactly(id(last), id(draft), id(first));
		assertThat(items).extracting((item) -> item.selectFirst(".headline").text())
			.containsExactly("Newest note", "A draft", "First note here");
		assertThat(items).extracting((item) -> item.selectFirst(".status").text())
			.containsExactly("Published", "Draft", "Published");
		assertThat(items.get(0).select("time").attr("datetime")).matches("\\d{4}-\\d\\d-\\d\\dT[\\d:]+Z");
		assertThat(items.get(0).select("a.view").attr("href")).isEqualTo(AdminChecks.SITE_URL + "notes/newest-note");
		assertThat(items.get(1).select("a.view")).as("a draft has no public page").isEmpty();
		for (Element item : items) {
			String id = item.attr("data-note-id");
			assertThat(item.select("a.edit").attr("href")).isEqualTo("/admin/edit/" + id);
			assertThat(item.select("a.edit").text()).isEqualTo("Edit");
			assertThat(item.select("a.delete").attr("href")).isEqualTo("/admin/delete/" + id);
			assertThat(item.select("a.delete").text()).isEqualTo("Delete");
			assertThat(item.select("button.restore, a.purge")).isEmpty();
		}
		assertThat(page.body().text()).doesNotContain("Gone soon");
		assertThat(currentFilter(page)).isEqualTo("All");
	}

	@Test
	void theAdminPagesNeedTheOwnerSignedIn() {
		OwnerClient stranger = OwnerClient.anonymous(server);
		for (String path : List.of("/admin", "/admin?status=deleted", "/admin/new", "/admin/edit/1",
				"/admin/purge/1")) {
			HttpResponse<String> response = stranger.get(path);
			assertThat(response.statusCode()).as(path).isEqualTo(302);
			assertThat(response.headers().firstValue("Location")).as(path)
				.hasValueSatisfying((location) -> assertThat(location).endsWith("/auth/login"));
		}
		HttpResponse<String> forged = stranger.post("/admin/new",
				Map.of("content", "Not the owner", "published", "true", "action", "save"));
		assertThat(forged.statusCode()).isEqualTo(302);
		assertThat(forged.headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).endsWith("/auth/login"));
		assertThat(notes.counts()).isEqualTo(new NoteCounts(0, 0, 0));

		Document page = assertAdminPage(this.owner.get("/admin"), 200);
		assertThat(page.select("nav.owner-nav a").eachAttr("href")).contains("/admin", "/admin/new");
	}

	@Test
	void filtersByStatus() {
		Note published = noteService.create("Public words", null, true);
		Note draft = noteService.create("Draft words", null, false);
		Note gone = noteService.create("Deleted words", null, false);
		noteService.delete(gone.id());

		Document deleted = assertAdminPage(this.owner.get("/admin?status=deleted"), 200);
		assertThat(currentFilter(deleted)).isEqualTo("Deleted");
		Element item = only(deleted, "li.admin-note");
		assertThat(item.attr("data-note-id")).isEqualTo(id(gone));
		assertThat(item.select(".status").text()).isEqualTo("Deleted");
		assertThat(item.select("a.view, a.edit, a.delete")).isEmpty();
		Element restore = item.selectFirst("form[method=post]");
		assertThat(restore.attr("action")).isEqualTo("/admin/restore/" + gone.id());
		assertThat(restore.select("input[type=hidden][name=_csrf]").attr("value")).isNotBlank();
		assertThat(restore.select("button.restore").text()).isEqualTo("Restore");
		assertThat(item.select("a.purge").attr("href")).isEqualTo("/admin/purge/" + gone.id());
		assertThat(item.select("a.purge").text()).isEqualTo("Delete forever");

		Document drafts = assertAdminPage(this.owner.get("/admin?status=draft"), 200);
		assertThat(currentFilter(drafts)).isEqualTo("Drafts");
		assertThat(drafts.select("li.admin-note").eachAttr("data-note-id")).containsExactly(id(draft));

		Document public_ = assertAdminPage(this.owner.get("/admin?status=published"), 200);
		assertThat(currentFilter(public_)).isEqualTo("Published");
		assertThat(public_.select("li.admin-note").eachAttr("data-note-id")).containsExactly(id(published));

		Document all = assertAdminPage(this.owner.get("/admin"), 200);
		assertThat(all.select("li.admin-note").eachAttr("data-note-id")).containsExactly(id(draft), id(published));
		assertThat(all.select("nav[aria-label=Filter notes] a").eachAttr("href")).containsExactly("/admin",
				"/admin?status=published", "/admin?status=scheduled", "/admin?status=draft", "/admin?status=deleted");
		assertThat(all.select("nav[aria-label=Filter notes] a").eachText()).containsExactly("All", "Published",
				"Scheduled", "Drafts", "Deleted");
	}

	@Test
	void pagesThroughThirtyNotesTwentyFiveAtATime() {
		List<String> expected = new ArrayList<>();
		for (int i = 1; i <= 30; i++) {
			expected.add(0, id(noteService.create("Numbered note " + i, null, true)));
		}
		noteService.create("A draft among them", null, false);

		Document first = assertAdminPage(this.owner.get("/admin?status=published"), 200);
		assertThat(first.select("li.admin-note")).hasSize(25);
		assertThat(first.select("a[rel=prev]")).isEmpty();
		assertThat(only(first, "a[rel=next]").text()).isEqualTo("Older");
		assertThat(first.select("a[rel=next]").attr("href")).isEqualTo("/admin?status=published&page=2");

		Document second = assertAdminPage(this.owner.get(first.select("a[rel=next]").attr("href")), 200);
		assertThat(second.select("li.admin-note")).hasSize(5);
		assertThat(second.select("a[rel=next]")).isEmpty();
		assertThat(only(second, "a[rel=prev]").text()).isEqualTo("Newer");
		assertThat(second.select("a[rel=prev]").attr("href")).isEqualTo("/admin?status=published");
		assertThat(currentFilter(second)).isEqualTo("Published");

		List<String> seen = new ArrayList<>(first.select("li.admin-note").eachAttr("data-note-id"));
		seen.addAll(second.select("li.admin-note").eachAttr("data-note-id"));
		assertThat(seen).containsExactlyElementsOf(expected);

		Document all = assertAdminPage(this.owner.get("/admin?page=2"), 200);
		assertThat(all.select("li.admin-note")).hasSize(6);
		assertThat(all.select("a[rel=prev]").attr("href")).isEqualTo("/admin");
	}

	@Test
	void answersABadPageOrStatusWith400() {
		for (String query : List.of("status=bogus", "status=", "status=DELETED", "page=0", "page=-1", "page=abc",
				"page=", "page=99999999999", "page=2&status=nope")) {
			Document page = assertAdminPage(this.owner.get("/admin?" + query), 400);
			assertThat(page.select("main h1").text()).as(query).isEqualTo("Bad request");
		}
	}

	@Test
	void showsAFixedMessageForEachKnownCodeAndNothingElse() {
		List<List<String>> codes = List.of(List.of("created", "Note published."), List.of("drafted", "Draft saved."),
				List.of("updated", "Note updated."),
				List.of("deleted", "Note deleted. You can restore it from Deleted."),
				List.of("restored", "Note restored."), List.of("purged", "Note deleted for good."));
		for (List<String> code : codes) {
			Document page = assertAdminPage(this.owner.get("/admin?done=" + code.get(0)), 200);
			assertThat(only(page, "p.flash[role=status]").text()).isEqualTo(code.get(1));
		}
		HttpResponse<String> unknown = this.owner.get("/admin?done=Hacked%3Cb%3Eyou%3C/b%3E");
		Document page = assertAdminPage(unknown, 200);
		assertThat(page.select(".flash")).isEmpty();
		assertThat(unknown.body()).doesNotContain("Hacked");
	}

	@Test
	void saysSoWhenThereAreNoNotes() {
		Document page = assertAdminPage(this.owner.get("/admin"), 200);
		assertThat(page.select("ol.admin-notes")).isEmpty();
		assertThat(only(page, ".note-counts").text()).isEqualTo("0 published · 0 drafts · 0 deleted");
		Element empty = only(page, "main p.empty");
		assertThat(empty.text()).startsWith("No notes yet.");
		assertThat(empty.select("a").attr("href")).isEqualTo("/admin/new");
		assertThat(page.select("a[rel=prev], a[rel=next]")).isEmpty();
	}

	@Test
	void servesTheAdminStylesheetWithFocusStylesAndAPhoneLayout() {
		HttpResponse<String> response = server.get("/css/admin.css");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/css"));
		assertThat(response.body()).contains("body.owner", ":focus-visible", "@media (max-width: 600px)");
	}

	private static String currentFilter(Document page) {
		Element nav = only(page, "nav[aria-label=Filter notes]");
		assertThat(nav.select("a[aria-current]")).hasSize(1);
		assertThat(nav.select("a[aria-current]").attr("aria-current")).isEqualTo("page");
		return nav.select("a[aria-current]").text();
	}

	private static String id(Note note) {
		return Long.toString(note.id());
	}

}
