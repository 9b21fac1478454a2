package io.starpunk.admin;

import java.net.http.HttpResponse;
import java.nio.file.Path;
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
import io.starpunk.notes.NoteService;
import io.starpunk.notes.Notes;
import io.starpunk.support.OwnerClient;
import io.starpunk.support.RunningServer;
import io.starpunk.support.Sqlite;

import static io.starpunk.admin.AdminChecks.assertAdminPage;
import static io.starpunk.admin.AdminChecks.assertRedirect;
import static io.starpunk.admin.AdminChecks.only;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deleting, restoring and purging notes through the admin pages, over HTTP on a real
 * database and real files.
 */
class NoteRemovalPagesTests {

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
	void deletingAsksFirstThenTakesTheNoteOffTheSite() {
		Note note = noteService.create("Soon *gone* from the site", null, true);

		Document page = assertAdminPage(this.owner.get("/admin/delete/" + note.id()), 200);
		assertThat(page.select("main h1").text()).isEqualTo("Delete this note?");
		assertThat(page.select("main").text()).contains("Soon gone from the site");
		Element form = only(page, "form#delete-form");
		assertThat(form.attr("method")).isEqualTo("post");
		assertThat(form.attr("action")).isEqualTo("/admin/delete/" + note.id());
		assertThat(form.select("input[type=hidden][name=_csrf]").attr("value")).isNotBlank();
		assertThat(form.select("button[type=submit]").text()).isEqualTo("Delete");
		assertThat(page.select("main a[href=/admin]").text()).isEqualTo("Cancel");
		assertThat(notes.find(note.id()).orElseThrow().deleted()).as("asking deletes nothing").isFalse();

		assertRedirect(this.owner.post("/admin/delete/" + note.id(), Map.of()), "/admin?done=deleted");

		assertThat(notes.find(note.id()).orElseThrow().deleted()).isTrue();
		assertThat(server.get("/notes/soon-gone-from-the-site").statusCode()).isEqualTo(410);
		assertThat(server.get("/").body()).doesNotContain("soon-gone-from-the-site");
		Document dashboard = assertAdminPage(this.owner.get("/admin?done=deleted"), 200);
		assertThat(only(dashboard, "p.flash").text()).isEqualTo("Note deleted. You can restore it from Deleted.");
		assertThat(dashboard.select("li.admin-note")).isEmpty();
		Document deleted = assertAdminPage(this.owner.get("/admin?status=deleted"), 200);
		assertThat(deleted.select("li.admin-note").eachAttr("data-note-id")).containsExactly(note.id() + "");
	}

	@Test
	void restoringPutsTheNoteBack() {
		Note note = noteService.create("Back again", null, true);
		noteService.delete(note.id());

		assertRedirect(this.owner.post("/admin/restore/" + note.id(), Map.of()), "/admin?done=restored");

		assertThat(notes.find(note.id()).orElseThrow().deleted()).isFalse();
		assertThat(server.get("/notes/back-again").statusCode()).isEqualTo(200);
		Document dashboard = assertAdminPage(this.owner.get("/admin?done=restored"), 200);
		assertThat(only(dashboard, "p.flash").text()).isEqualTo("Note restored.");
		assertThat(only(dashboard, "li.admin-note").select(".status").text()).isEqualTo("Published");
	}

	@Test
	void aDeletedNoteIsNotDeletedTwice() {
		Note note = noteService.create("Deleted once", null, true);
		Note deleted = noteService.delete(note.id());
		assertAdminPage(this.owner.get("/admin/delete/" + note.id()), 409);
		assertAdminPage(this.owner.post("/admin/delete/" + note.id(), Map.of()), 409);
		assertThat(notes.find(note.id())).contains(deleted);
	}

	@Test
	void purgeIsRefusedForANoteThatIsNotDeleted() {
		Note note = noteService.create("Still here", null, true);

		Document page = assertAdminPage(this.owner.get("/admin/purge/" + note.id()), 409);
		assertThat(page.select("main h1").text()).isEqualTo("Delete it first");
		assertAdminPage(this.owner.post("/admin/purge/" + note.id(), Map.of("confirm", "yes")), 409);

		assertThat(notes.find(note.id())).isPresent();
		assertThat(temp.resolve(note.filePath())).exists();
	}

	@Test
	void purgeWithoutTheConfirmationComesBackWith422() {
		Note note = noteService.create("Almost purged", null, true);
		noteService.delete(note.id());

		Document page = assertAdminPage(this.owner.get("/admin/purge/" + note.id()), 200);
		assertThat(page.select("main h1").text()).isEqualTo("Delete forever?");
		assertThat(page.select("main").text()).contains("Almost purged");
		Element form = only(page, "form#purge-form");
		assertThat(form.attr("method")).isEqualTo("post");
		assertThat(form.attr("action")).isEqualTo("/admin/purge/" + note.id());
		Element confirm = only(page, "input#confirm");
		assertThat(confirm.attr("type")).isEqualTo("checkbox");
		assertThat(confirm.attr("name")).isEqualTo("confirm");
		assertThat(confirm.attr("value")).isEqualTo("yes");
		assertThat(confirm.hasAttr("required")).isTrue();
		assertThat(page.select("label[for=confirm]").text()).isEqualTo("I understand this note cannot be restored");
		assertThat(form.select("button[type=submit]").text()).isEqualTo("Delete forever");
		assertThat(page.select(".field-error")).isEmpty();

		for (Map<String, String> fields : List.of(Map.<String, String>of(), Map.of("confirm", "no"))) {
			Document refused = assertAdminPage(this.owner.post("/admin/purge/" + note.id(), fields), 422);
			Element box = only(refused, "input#confirm");
			assertThat(box.attr("aria-invalid")).isEqualTo("true");
			assertThat(box.attr("aria-describedby")).isEqualTo("confirm-error");
			Element error = only(refused, "p.field-error#confirm-error");
			assertThat(error.text()).isNotBlank();
			assertThat(error.parent()).isEqualTo(box.parent());
		}
		assertThat(notes.find(note.id())).isPresent();
		assertThat(temp.resolve(note.filePath())).exists();
	}

	@Test
	void purgeWithTheConfirmationRemovesTheRowAndTheFile() throws Exception {
		Note note = noteService.create("Gone for good", null, true);
		noteService.delete(note.id());
		assertThat(temp.resolve(note.filePath())).exists();

		HttpResponse<String> response = this.owner.post("/admin/purge/" + note.id(), Map.of("confirm", "yes"));

		assertRedirect(response, "/admin?status=deleted&done=purged");
		assertThat(Sqlite.rows(temp.resolve("starpunk.db"), "SELECT id FROM notes WHERE id = " + note.id())).isEmpty();
		assertThat(temp.resolve(note.filePath())).doesNotExist();
		Document deleted = assertAdminPage(this.owner.get("/admin?status=deleted&done=purged"), 200);
		assertThat(only(deleted, "p.flash").text()).isEqualTo("Note deleted for good.");
		assertThat(deleted.select("li.admin-note")).isEmpty();
		assertThat(server.get("/notes/gone-for-good").statusCode()).isEqualTo(404);
	}

	@Test
	void unknownNotesAre404PagesAndMalformedIds400() {
		for (String path : List.of("/admin/delete/424242", "/admin/purge/424242")) {
			Document page = assertAdminPage(this.owner.get(path), 404);
			assertThat(page.select("main h1").text()).as(path).isEqualTo("Note not found");
		}
		for (String path : List.of("/admin/delete/424242", "/admin/restore/424242", "/admin/purge/424242")) {
			assertAdminPage(this.owner.post(path, Map.of("confirm", "yes")), 404);
		}
		for (String path : List.of("/admin/delete/x", "/admin/purge/-", "/admin/delete/1e3")) {
			assertAdminPage(this.owner.get(path), 400);
		}
		assertAdminPage(this.owner.post("/admin/restore/nope", Map.of()), 400);
	}

}
