package io.starpunk.admin;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.starpunk.notes.Note;
import io.starpunk.notes.NoteFilter;
import io.starpunk.notes.NoteService;
import io.starpunk.notes.Notes;
import io.starpunk.support.OwnerClient;
import io.starpunk.support.RunningServer;

import static io.starpunk.admin.AdminChecks.assertAdminPage;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The editor's Tags field: comma-separated tags saved with the note's text, shown again
 * on edit, their pages changed at once, and refused with a reason when there are too many
 * or one is too long.
 */
class NoteEditorTagsTests {

	@TempDir
	static Path temp;

	private static RunningServer server;

	private static NoteService noteService;

	private static Notes notes;

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

	@Test
	void editingANotesTagsInTheEditorChangesItsTagPagesAtOnce() {
		OwnerClient owner = OwnerClient.signIn(server, OwnerClient.PASSWORD);
		HttpResponse<String> created = owner.post("/admin/new",
				Map.of("content", "Written in the editor", "tags", "Editor Tag, Second Tag", "published", "true"));
		assertThat(created.statusCode()).isEqualTo(303);
		Note note = notes.list(NoteFilter.ALL, 0, 1).get(0);
		assertThat(entries("/tags/editor-tag")).containsExactly(AdminChecks.SITE_URL + "notes/" + note.slug());
		assertThat(entries("/tags/second-tag")).containsExactly(AdminChecks.SITE_URL + "notes/" + note.slug());

		Document editor = assertAdminPage(owner.get("/admin/edit/" + note.id()), 200);
		assertThat(editor.select("label[for=tags]").text()).contains("Tags");
		assertThat(editor.select("input#tags").val()).isEqualTo("Editor Tag, Second Tag");

		assertThat(owner
			.post("/admin/edit/" + note.id(),
					Map.of("content", "Written in the editor", "tags", "Editor Tag, Third Tag", "published", "true"))
			.statusCode()).isEqualTo(303);
		assertThat(server.get("/tags/second-tag").statusCode()).isEqualTo(404);
		assertThat(entries("/tags/third-tag")).containsExactly(AdminChecks.SITE_URL + "notes/" + note.slug());

		assertThat(owner
			.post("/admin/edit/" + note.id(),
					Map.of("content", "Written in the editor", "tags", " , ", "published", "true"))
			.statusCode()).isEqualTo(303);
		assertThat(server.get("/tags/editor-tag").statusCode()).isEqualTo(404);
		assertThat(server.get("/tags/third-tag").statusCode()).isEqualTo(404);
		assertThat(notes.properties(note).values()).doesNotContainKey("category");
	}

	@Test
	void theEditorRefusesTooManyOrTooLongTagsAndKeepsWhatWasTyped() {
		OwnerClient owner = OwnerClient.signIn(server, OwnerClient.PASSWORD);
		List<String> many = new ArrayList<>();
		for (int i = 1; i <= 21; i++) {
			many.add("many" + i);
		}
		HttpResponse<String> refused = owner.post("/admin/new",
				Map.of("content", "Too many tags here", "tags", String.join(", ", many), "published", "true"));
		assertThat(refused.statusCode()).isEqualTo(422);
		Document page = assertAdminPage(refused, 422);
		assertThat(page.select("#tags-error").text()).contains("at most 20 tags");
		assertThat(page.select("input#tags").attr("aria-invalid")).isEqualTo("true");
		assertThat(page.select("input#tags").val()).isEqualTo(String.join(", ", many));
		assertThat(page.select("textarea#content").val()).isEqualTo("Too many tags here");

		HttpResponse<String> tooLong = owner.post("/admin/new",
				Map.of("content", "A long tag", "tags", "ok, " + "x".repeat(101), "published", "true"));
		assertThat(tooLong.statusCode()).isEqualTo(422);
		assertThat(Jsoup.parse(tooLong.body()).select("#tags-error").text()).contains("at most 100 characters");
		assertThat(server.get("/tags/many1").statusCode()).isEqualTo(404);
	}

	private static List<String> entries(String path) {
		HttpResponse<String> response = server.get(path);
		assertThat(response.statusCode()).as(path).isEqualTo(200);
		return Jsoup.parse(response.body(), AdminChecks.SITE_URL)
			.select(".h-feed .h-entry .entry-meta > .u-url")
			.eachAttr("href");
	}

}
