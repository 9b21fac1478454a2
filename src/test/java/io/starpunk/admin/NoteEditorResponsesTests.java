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

import io.starpunk.notes.NewNote;
import io.starpunk.notes.Note;
import io.starpunk.notes.NoteProperties;
import io.starpunk.notes.NoteService;
import io.starpunk.notes.Notes;
import io.starpunk.support.OwnerClient;
import io.starpunk.support.RunningServer;

import static io.starpunk.admin.AdminChecks.assertAdminPage;
import static io.starpunk.admin.AdminChecks.assertRedirect;
import static io.starpunk.admin.AdminChecks.only;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replies, likes, reposts, bookmarks and RSVPs from the note editor: a labelled Kind
 * select, the URL the note responds to and an RSVP answer, saved as the note's properties
 * and shown again when it is edited.
 */
class NoteEditorResponsesTests {

	@TempDir
	static Path temp;

	private static RunningServer server;

	private static Notes notes;

	private static NoteService noteService;

	private OwnerClient owner;

	@BeforeAll
	static void start() {
		server = RunningServer.start(temp, List.of(), AdminChecks.PROPERTIES);
		notes = server.context().getBean(Notes.class);
		noteService = server.context().getBean(NoteService.class);
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
	void theFormOffersEachKindWithLabelledFields() {
		Document page = assertAdminPage(this.owner.get("/admin/new"), 200);
		Element form = only(page, "form#note-form");
		assertThat(form.select("label[for=kind]").text()).isEqualTo("Kind");
		assertThat(form.select("select#kind[name=kind] option").eachAttr("value")).containsExactly("note", "reply",
				"like", "repost", "bookmark", "rsvp");
		assertThat(form.select("select#kind option[selected]").attr("value")).isEqualTo("note");
		assertThat(form.select("label[for=response-url]").text()).isEqualTo("URL it responds to");
		assertThat(form.select("input#response-url[name=response-url]").attr("type")).isEqualTo("url");
		assertThat(form.select("label[for=rsvp]").text()).isEqualTo("RSVP (for an RSVP)");
		assertThat(form.select("select#rsvp[name=rsvp] option").eachAttr("value")).containsExactly("", "yes", "no",
				"maybe", "interested");
		assertThat(form.select("fieldset.response-fields legend").text()).isEqualTo("Kind of post");
	}

	@Test
	void aLikeWithoutTextIsSavedAndShownAgainWhenEdited() {
		HttpResponse<String> saved = this.owner.post("/admin/new", Map.of("content", "", "published", "true", "kind",
				"like", "response-url", "https://example.org/photo", "rsvp", "", "action", "save"));
		assertRedirect(saved, "/admin?done=created");
		Note note = notes.list(io.starpunk.notes.NoteFilter.ALL, 0, 10).get(0);
		NoteProperties properties = notes.properties(note);
		assertThat(properties.values()).containsEntry("like-of", List.of("https://example.org/photo"));
		Document editor = assertAdminPage(this.owner.get("/admin/edit/" + note.id()), 200);
		assertThat(editor.select("select#kind option[selected]").attr("value")).isEqualTo("like");
		assertThat(editor.select("input#response-url").attr("value")).isEqualTo("https://example.org/photo");
		assertThat(server.get("/notes/" + note.slug()).body()).contains("class=\"u-like-of\"");
	}

	@Test
	void anRsvpNeedsItsAnswerAndAReplyItsUrl() {
		HttpResponse<String> refused = this.owner.post("/admin/new", Map.of("content", "See you", "published", "true",
				"kind", "rsvp", "response-url", "https://events.example/party", "rsvp", "", "action", "save"));
		Document page = assertAdminPage(refused, 422);
		assertThat(page.select("#rsvp-error").text()).isEqualTo("Choose an answer for the RSVP");
		assertThat(page.select("select#rsvp").attr("aria-invalid")).isEqualTo("true");
		assertThat(page.select("select#kind option[selected]").attr("value")).isEqualTo("rsvp");
		assertThat(page.select("input#response-url").attr("value")).isEqualTo("https://events.example/party");
		HttpResponse<String> noUrl = this.owner.post("/admin/new", Map.of("content", "Indeed", "published", "true",
				"kind", "reply", "response-url", "not a url", "rsvp", "", "action", "save"));
		Document again = assertAdminPage(noUrl, 422);
		assertThat(again.select("#response-url-error").text()).contains("http or https");
		assertThat(again.select("input#response-url").attr("aria-describedby")).isEqualTo("response-url-error");
		assertThat(notes.counts().published()).isZero();
		HttpResponse<String> saved = this.owner.post("/admin/new", Map.of("content", "See you", "published", "true",
				"kind", "rsvp", "response-url", "https://events.example/party", "rsvp", "yes", "action", "save"));
		assertRedirect(saved, "/admin?done=created");
		Note note = notes.list(io.starpunk.notes.NoteFilter.ALL, 0, 10).get(0);
		assertThat(notes.properties(note).values()).containsEntry("rsvp", List.of("yes"))
			.containsEntry("in-reply-to", List.of("https://events.example/party"));
		Document editor = assertAdminPage(this.owner.get("/admin/edit/" + note.id()), 200);
		assertThat(editor.select("select#rsvp option[selected]").attr("value")).isEqualTo("yes");
	}

	@Test
	void editingKeepsACitationItDidNotChangeAndTurningItIntoANoteRemovesIt() {
		Map<String, Object> cite = Map.of("type", List.of("h-cite"), "properties",
				Map.of("url", List.of("https://example.org/essay"), "name", List.of("An essay")));
		Note note = noteService.create(new NewNote("Good read", null, true, null,
				new NoteProperties(Map.of("repost-of", List.of(cite)), false)));
		HttpResponse<String> kept = this.owner.post("/admin/edit/" + note.id(),
				Map.of("content", "Good read!", "published", "true", "kind", "repost", "response-url",
						"https://example.org/essay", "rsvp", "", "action", "save"));
		assertRedirect(kept, "/admin?done=updated");
		assertThat(notes.properties(note).values().get("repost-of")).containsExactly(cite);
		HttpResponse<String> plain = this.owner.post("/admin/edit/" + note.id(), Map.of("content", "Good read!",
				"published", "true", "kind", "note", "response-url", "", "rsvp", "", "action", "save"));
		assertRedirect(plain, "/admin?done=updated");
		assertThat(notes.properties(note).values()).doesNotContainKey("repost-of");
	}

	@Test
	void aNoteWithAPublishTimeInTheFutureIsScheduled() {
		Document form = assertAdminPage(this.owner.get("/admin/new"), 200);
		assertThat(form.select("label[for=published-at]").text()).isEqualTo("Publish at (optional, UTC)");
		assertThat(form.select("input#published-at").attr("type")).isEqualTo("datetime-local");
		String later = java.time.LocalDateTime.now(java.time.ZoneOffset.UTC)
			.plusDays(2)
			.withNano(0)
			.withSecond(0)
			.toString();
		HttpResponse<String> saved = this.owner.post("/admin/new", Map.of("content", "Happy new year", "published",
				"true", "published-at", later, "kind", "note", "action", "save"));
		assertRedirect(saved, "/admin?done=scheduled");
		Document dashboard = assertAdminPage(this.owner.get("/admin?done=scheduled"), 200);
		assertThat(dashboard.select("p.flash").text()).startsWith("Note scheduled.");
		Note note = notes.list(io.starpunk.notes.NoteFilter.SCHEDULED, 0, 10).get(0);
		assertThat(dashboard.select("li.admin-note[data-note-id=" + note.id() + "] .status").text())
			.isEqualTo("Scheduled");
		assertThat(server.get("/notes/" + note.slug()).statusCode()).isEqualTo(404);
		HttpResponse<String> refused = this.owner.post("/admin/new", Map.of("content", "Soon", "published", "true",
				"published-at", "next tuesday", "kind", "note", "action", "save"));
		Document page = assertAdminPage(refused, 422);
		assertThat(page.select("#published-at-error").text()).contains("2026-12-24T18:00");
		assertThat(page.select("input#published-at").attr("value")).isEqualTo("next tuesday");
		assertThat(page.select("textarea#content").text()).isEqualTo("Soon");
	}

}
