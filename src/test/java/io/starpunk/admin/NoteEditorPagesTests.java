package io.starpunk.admin;

import java.net.http.HttpResponse;
import java.nio.file.Files;
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
import io.starpunk.notes.NoteCounts;
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
 * Writing and editing notes through {@code /admin/new} and {@code /admin/edit/{id}}, over
 * HTTP on a real database and real files.
 */
class NoteEditorPagesTests {

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
	void theNewNoteFormHasLabelledFieldsAndSavesOnEnter() {
		Document page = assertAdminPage(this.owner.get("/admin/new"), 200);
		assertThat(page.select("main h1").text()).isEqualTo("New note");
		Element form = only(page, "form#note-form");
		assertThat(form.attr("method")).isEqualTo("post");
		assertThat(form.attr("action")).isEqualTo("/admin/new");
		assertThat(form.select("input[type=hidden][name=_csrf]").attr("value")).isNotBlank();
		assertThat(form.select("label[for=content]").text()).isEqualTo("Text (Markdown)");
		assertThat(form.select("textarea#content[name=content]")).hasSize(1);
		assertThat(form.select("label[for=slug]").text()).isEqualTo("Custom slug (optional)");
		assertThat(form.select("input#slug[name=slug]")).hasSize(1);
		Element published = only(page, "input#published");
		assertThat(published.attr("type")).isEqualTo("checkbox");
		assertThat(published.attr("name")).isEqualTo("published");
		assertThat(published.attr("value")).isEqualTo("true");
		assertThat(published.hasAttr("checked")).isTrue();
		assertThat(form.select("label[for=published]").text()).isEqualTo("Published");
		List<Element> buttons = form.select("button");
		assertThat(buttons).extracting(Element::text).containsExactly("Save", "Preview");
		assertThat(buttons).extracting((button) -> button.attr("value")).containsExactly("save", "preview");
		assertThat(buttons).extracting((button) -> button.attr("name")).containsOnly("action");
		assertThat(page.select("#preview, .field-error, [aria-invalid]")).isEmpty();
	}

	@Test
	void savingANoteRedirectsWithAMessageAndPublishesIt() {
		HttpResponse<String> saved = this.owner.post("/admin/new",
				Map.of("content", "Hello from the **admin**", "slug", "", "published", "true", "action", "save"));
		assertRedirect(saved, "/admin?done=created");

		Document dashboard = assertAdminPage(this.owner.get("/admin?done=created"), 200);
		assertThat(only(dashboard, "p.flash[role=status]").text()).isEqualTo("Note published.");
		Note note = notes.findBySlug("hello-from-the-admin").orElseThrow();
		assertThat(note.published()).isTrue();
		assertThat(notes.text(note).markdown()).isEqualTo("Hello from the **admin**");
		assertThat(dashboard.select("li.admin-note").eachAttr("data-note-id")).containsExactly(note.id() + "");
		assertThat(server.get("/").body()).contains(AdminChecks.SITE_URL + "notes/hello-from-the-admin",
				"<strong>admin</strong>");
		assertThat(server.get("/notes/hello-from-the-admin").statusCode()).isEqualTo(200);
	}

	@Test
	void savingAnUncheckedNoteKeepsItADraftUnderItsCustomSlug() {
		HttpResponse<String> saved = this.owner.post("/admin/new",
				Map.of("content", "Not for the public yet", "slug", "My Own Slug"));
		assertRedirect(saved, "/admin?done=drafted");
		Note note = notes.findBySlug("my-own-slug").orElseThrow();
		assertThat(note.published()).isFalse();
		assertThat(server.get("/notes/my-own-slug").statusCode()).isEqualTo(404);
		Document dashboard = assertAdminPage(this.owner.get("/admin?done=drafted"), 200);
		assertThat(only(dashboard, "p.flash").text()).isEqualTo("Draft saved.");
	}

	@Test
	void previewShowsSanitisedHtmlKeepsTheFormAndSavesNothing() {
		String text = "Some **bold** words <script>alert('x')</script> and <a href=\"javascript:alert(1)\">a link</a>";
		HttpResponse<String> response = this.owner.post("/admin/new",
				Map.of("content", text, "slug", "kept-slug", "action", "preview"));

		Document page = assertAdminPage(response, 200);
		Element preview = only(page, "section#preview");
		assertThat(preview.attr("aria-label")).isEqualTo("Preview");
		assertThat(preview.select("strong").text()).isEqualTo("bold");
		assertThat(preview.select("script")).isEmpty();
		assertThat(preview.html()).doesNotContain("alert", "javascript:");
		assertThat(page.select("textarea#content").val()).isEqualTo(text);
		assertThat(page.select("input#slug").val()).isEqualTo("kept-slug");
		assertThat(page.select("input#published").hasAttr("checked")).isFalse();
		assertThat(notes.counts()).isEqualTo(new NoteCounts(0, 0, 0));
	}

	@Test
	void emptyTextComesBackWith422BesideTheTextAndKeepsTheOtherFields() {
		HttpResponse<String> response = this.owner.post("/admin/new",
				Map.of("content", "  \n ", "slug", "keep-me", "published", "true", "action", "save"));

		Document page = assertAdminPage(response, 422);
		Element content = only(page, "textarea#content");
		assertThat(content.attr("aria-invalid")).isEqualTo("true");
		assertThat(content.attr("aria-describedby")).isEqualTo("content-error");
		Element error = only(page, "p.field-error#content-error");
		assertThat(error.text()).isEqualTo("A note needs some text");
		assertThat(error.parent()).isEqualTo(content.parent());
		assertThat(page.select("input#slug").val()).isEqualTo("keep-me");
		assertThat(page.select("input#slug").hasAttr("aria-invalid")).isFalse();
		assertThat(page.select("input#published").hasAttr("checked")).isTrue();
		assertThat(notes.counts()).isEqualTo(new NoteCounts(0, 0, 0));
	}

	@Test
	void aReservedSlugComesBackWith422BesideTheSlugAndKeepsTheText() {
		HttpResponse<String> response = this.owner.post("/admin/new",
				Map.of("content", "Text worth keeping", "slug", "admin", "action", "save"));

		Document page = assertAdminPage(response, 422);
		Element slug = only(page, "input#slug");
		assertThat(slug.attr("aria-invalid")).isEqualTo("true");
		assertThat(slug.attr("aria-describedby")).isEqualTo("slug-error");
		assertThat(slug.val()).isEqualTo("admin");
		Element error = only(page, "p.field-error#slug-error");
		assertThat(error.text()).contains("reserved");
		assertThat(error.parent()).isEqualTo(slug.parent());
		assertThat(page.select("textarea#content").val()).isEqualTo("Text worth keeping");
		assertThat(page.select("textarea#content").hasAttr("aria-invalid")).isFalse();
		assertThat(page.select("input#published").hasAttr("checked")).isFalse();
		assertThat(notes.counts()).isEqualTo(new NoteCounts(0, 0, 0));
	}

	@Test
	void editingChangesTheTextAndTheFlagButNotTheSlug() {
		Note note = noteService.create("Original text", null, true);

		Document page = assertAdminPage(this.owner.get("/admin/edit/" + note.id()), 200);
		assertThat(page.select("main h1").text()).isEqualTo("Edit note");
		Element form = only(page, "form#note-form");
		assertThat(form.attr("action")).isEqualTo("/admin/edit/" + note.id());
		assertThat(form.select("textarea#content").val()).isEqualTo("Original text");
		assertThat(form.select("input#slug")).isEmpty();
		assertThat(page.select(".permalink").text()).contains(AdminChecks.SITE_URL + "notes/original-text");
		assertThat(form.select("input#published").hasAttr("checked")).isTrue();

		HttpResponse<String> saved = this.owner.post("/admin/edit/" + note.id(),
				Map.of("content", "Changed *text*", "action", "save"));
		assertRedirect(saved, "/admin?done=updated");
		Note changed = notes.find(note.id()).orElseThrow();
		assertThat(changed.slug()).isEqualTo("original-text");
		assertThat(changed.published()).isFalse();
		assertThat(notes.text(changed).markdown()).isEqualTo("Changed *text*");

		Document draft = assertAdminPage(this.owner.get("/admin/edit/" + note.id()), 200);
		assertThat(draft.select("input#published").hasAttr("checked")).isFalse();
		assertThat(draft.select("textarea#content").val()).isEqualTo("Changed *text*");
	}

	@Test
	void editingANoteWhoseFileChangedBehindOurBackSaysSo() throws Exception {
		Note intact = noteService.create("Untouched text", null, true);
		assertThat(assertAdminPage(this.owner.get("/admin/edit/" + intact.id()), 200).select(".notice")).isEmpty();
		Note note = noteService.create("Original words", null, true);
		Files.writeString(temp.resolve(note.filePath()), "Edited by hand");

		Document page = assertAdminPage(this.owner.get("/admin/edit/" + note.id()), 200);

		assertThat(only(page, "p.notice[role=status]").text()).contains("changed outside StarPunk");
		assertThat(page.select("textarea#content").val()).isEqualTo("Edited by hand");
	}

	@Test
	void aNoteAClientSentAsHtmlIsEditedAndPreviewedAsHtml() {
		Note note = noteService.create(new NewNote("<p>Sent as <b>HTML</b></p>", null, true, null,
				new NoteProperties(Map.of("category", List.of("kept")), true)));

		Document editor = assertAdminPage(this.owner.get("/admin/edit/" + note.id()), 200);
		assertThat(editor.select("textarea#content").val()).isEqualTo("<p>Sent as <b>HTML</b></p>");
		Document preview = assertAdminPage(this.owner.post("/admin/edit/" + note.id(), Map.of("content",
				"<p>Now <i>this</i> and _not markdown_</p>", "published", "true", "action", "preview")), 200);
		Element shown = only(preview, "section#preview");
		assertThat(shown.select("i").text()).isEqualTo("this");
		assertThat(shown.text()).contains("_not markdown_");

		assertRedirect(
				this.owner.post("/admin/edit/" + note.id(),
						Map.of("content", "<p>Saved <i>here</i><script>x()</script></p>", "published", "true")),
				"/admin?done=updated");
		assertThat(notes.text(note).markdown()).isEqualTo("<p>Saved <i>here</i></p>");
		assertThat(notes.properties(note).categories()).as("the editor keeps the other properties")
			.containsExactly("kept");
	}

	@Test
	void editPreviewAndErrorsLeaveTheNoteAsItWas() {
		Note note = noteService.create("Stays the same", null, true);

		Document preview = assertAdminPage(this.owner.post("/admin/edit/" + note.id(),
				Map.of("content", "Would be _new_", "published", "true", "action", "preview")), 200);
		assertThat(only(preview, "section#preview").select("em").text()).isEqualTo("new");
		assertThat(preview.select("textarea#content").val()).isEqualTo("Would be _new_");

		Document invalid = assertAdminPage(
				this.owner.post("/admin/edit/" + note.id(), Map.of("content", "", "action", "save")), 422);
		assertThat(only(invalid, "#content-error").text()).isEqualTo("A note needs some text");
		assertThat(invalid.select("textarea#content").attr("aria-invalid")).isEqualTo("true");

		assertThat(notes.text(notes.find(note.id()).orElseThrow()).markdown()).isEqualTo("Stays the same");
		assertThat(notes.find(note.id()).orElseThrow().published()).isTrue();
	}

	@Test
	void aDeletedNoteMustBeRestoredBeforeItIsEdited() {
		Note note = noteService.create("Deleted already", null, true);
		noteService.delete(note.id());
		Document page = assertAdminPage(this.owner.get("/admin/edit/" + note.id()), 409);
		assertThat(page.select("main h1").text()).isEqualTo("This note is deleted");
		assertAdminPage(this.owner.post("/admin/edit/" + note.id(), Map.of("content", "Sneaky", "action", "save")),
				409);
		assertThat(notes.text(note).markdown()).isEqualTo("Deleted already");
	}

	@Test
	void unknownAndMalformedIdsAreErrorPagesNot500() {
		Document unknown = assertAdminPage(this.owner.get("/admin/edit/987654"), 404);
		assertThat(unknown.select("main h1").text()).isEqualTo("Note not found");
		assertAdminPage(this.owner.post("/admin/edit/987654", Map.of("content", "x")), 404);
		for (String id : List.of("abc", "1.5", "99999999999999999999")) {
			Document page = assertAdminPage(this.owner.get("/admin/edit/" + id), 400);
			assertThat(page.select("main h1").text()).isEqualTo("Bad request");
		}
	}

	@Test
	void aFormWithoutItsCsrfFieldIsRefused() {
		HttpResponse<String> response = this.owner.postWithoutCsrf("/admin/new",
				Map.of("content", "Forged note", "published", "true"));
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(notes.counts()).isEqualTo(new NoteCounts(0, 0, 0));
	}

}
