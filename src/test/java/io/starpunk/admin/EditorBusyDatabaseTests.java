package io.starpunk.admin;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jsoup.nodes.Document;
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
 * A save in the editor while another process holds the database's write lock past the
 * busy timeout: the editor comes back (503) with everything as the owner typed it and a
 * message to try again; nothing is written; the same form sent again is saved.
 */
class EditorBusyDatabaseTests {

	@TempDir
	static Path temp;

	private static RunningServer server;

	private static Notes notes;

	private OwnerClient owner;

	@BeforeAll
	static void start() {
		List<String> properties = new ArrayList<>(List.of(AdminChecks.PROPERTIES));
		properties.add("DATABASE_BUSY_TIMEOUT=200ms");
		server = RunningServer.start(temp, List.of(), properties.toArray(String[]::new));
		notes = server.context().getBean(Notes.class);
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@BeforeEach
	void signIn() {
		this.owner = OwnerClient.signIn(server, OwnerClient.PASSWORD);
	}

	@Test
	void aNewNoteSavedWhileTheDatabaseIsBusyComesBackAsTypedAndIsSavedOnTheNextTry() throws Exception {
		Map<String, String> form = form("A *new* note,\nwritten while busy", "busy, waiting");
		form.put("slug", "written-while-busy");

		HttpResponse<String> busy = whileLocked(() -> this.owner.postWithoutCsrf("/admin/new", form));

		Document page = assertAdminPage(busy, 503);
		assertTyped(page, "A *new* note,\nwritten while busy", "busy, waiting", false);
		assertThat(page.select("input#slug").val()).isEqualTo("written-while-busy");
		assertThat(notes.findBySlug("written-while-busy")).isEmpty();

		assertRedirect(this.owner.postWithoutCsrf("/admin/new", form), "/admin?done=drafted");
		Note saved = notes.findBySlug("written-while-busy").orElseThrow();
		assertThat(saved.published()).isFalse();
		assertThat(notes.text(saved, notes.properties(saved)).markdown())
			.isEqualTo("A *new* note,\nwritten while busy");
	}

	@Test
	void anEditSavedWhileTheDatabaseIsBusyComesBackAsTypedAndIsSavedOnTheNextTry() throws Exception {
		Note note = server.context().getBean(NoteService.class).create("The text before", "edited-while-busy", true);
		Map<String, String> form = form("The text typed while busy", "edited");
		String path = "/admin/edit/" + note.id();

		HttpResponse<String> busy = whileLocked(() -> this.owner.postWithoutCsrf(path, form));

		Document page = assertAdminPage(busy, 503);
		assertTyped(page, "The text typed while busy", "edited", false);
		Note unchanged = notes.find(note.id()).orElseThrow();
		assertThat(unchanged.published()).isTrue();
		assertThat(notes.text(unchanged, notes.properties(unchanged)).markdown()).isEqualTo("The text before");

		assertRedirect(this.owner.postWithoutCsrf(path, form), "/admin?done=updated");
		Note saved = notes.find(note.id()).orElseThrow();
		assertThat(saved.published()).isFalse();
		assertThat(notes.text(saved, notes.properties(saved)).markdown()).isEqualTo("The text typed while busy");
		assertThat(notes.properties(saved).categories()).containsExactly("edited");
	}

	private static void assertTyped(Document page, String content, String tags, boolean published) {
		assertThat(only(page, "p.form-error[role=alert]").text())
			.contains("The note could not be saved just now; nothing was lost — try again.");
		assertThat(page.select("textarea#content").val()).isEqualTo(content);
		assertThat(page.select("input#tags").val()).isEqualTo(tags);
		assertThat(page.select("input#published").hasAttr("checked")).isEqualTo(published);
		assertThat(page.body().text()).doesNotContain("Exception");
	}

	/** The editor's fields, the published box left unticked, with the CSRF field. */
	private Map<String, String> form(String content, String tags) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("_csrf", this.owner.csrfToken());
		form.put("content", content);
		form.put("tags", tags);
		form.put("action", "save");
		return form;
	}

	private static <T> T whileLocked(java.util.concurrent.Callable<T> request) throws Exception {
		try (Connection other = Sqlite.open(temp.resolve("starpunk.db")); Statement lock = other.createStatement()) {
			lock.execute("BEGIN IMMEDIATE");
			try {
				return request.call();
			}
			finally {
				lock.execute("ROLLBACK");
			}
		}
	}

}
