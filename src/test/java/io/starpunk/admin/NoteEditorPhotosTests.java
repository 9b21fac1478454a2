package io.starpunk.admin;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.starpunk.media.MediaStore;
import io.starpunk.notes.NewNote;
import io.starpunk.notes.Note;
import io.starpunk.notes.NoteCounts;
import io.starpunk.notes.NoteProperties;
import io.starpunk.notes.NoteService;
import io.starpunk.notes.Notes;
import io.starpunk.support.Multipart;
import io.starpunk.support.OwnerClient;
import io.starpunk.support.RunningServer;
import io.starpunk.support.Sqlite;
import io.starpunk.support.TestImages;

import static io.starpunk.admin.AdminChecks.assertAdminPage;
import static io.starpunk.admin.AdminChecks.assertRedirect;
import static io.starpunk.admin.AdminChecks.only;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Photos in the editor over HTTP, as a browser without JavaScript (and the editor's
 * script) sends them: multipart forms, on a real database, real files and the real media
 * store, with {@code MEDIA_MAX_BYTES} of 64 KB.
 */
class NoteEditorPhotosTests {

	private static final int MAX_BYTES = 64 * 1024;

	private static final String MEDIA = AdminChecks.SITE_URL + "media/";

	@TempDir
	static Path temp;

	private static RunningServer server;

	private static NoteService noteService;

	private static Notes notes;

	private OwnerClient owner;

	@BeforeAll
	static void start() {
		List<String> properties = new ArrayList<>(List.of(AdminChecks.PROPERTIES));
		properties.add("MEDIA_MAX_BYTES=64KB");
		properties.add("DATABASE_BUSY_TIMEOUT=200ms");
		server = RunningServer.start(temp, List.of(), properties.toArray(String[]::new));
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
	void theFormTakesPhotosAsAMultipartUpload() {
		Document page = assertAdminPage(this.owner.get("/admin/new"), 200);
		Element form = only(page, "form#note-form");
		assertThat(form.attr("enctype")).isEqualTo("multipart/form-data");
		Element picker = only(page, "input#photo");
		assertThat(picker.attr("type")).isEqualTo("file");
		assertThat(picker.attr("name")).isEqualTo("photo");
		assertThat(picker.hasAttr("multiple")).isTrue();
		assertThat(picker.attr("accept")).isEqualTo("image/*");
		assertThat(page.select("label[for=photo]").text()).contains("Add photos");
		assertThat(page.select("script").eachAttr("src")).containsExactly("/js/editor.js");
		assertThat(server.get("/js/editor.js").statusCode()).isEqualTo(200);
	}

	@Test
	void aNoteIsCreatedWithTwoPhotosInTheChosenOrderWithTheirAltTexts() {
		HttpResponse<String> saved = this.owner.postMultipart("/admin/new",
				form("Two photos", "save").field("photo-key", "new:1")
					.field("photo-alt", "A blue square")
					.field("photo-key", "new:0")
					.field("photo-alt", "A red square")
					.file("photo", "red.png", "image/png", TestImages.painted("png", Color.RED))
					.file("photo", "blue.jpg", "image/jpeg", TestImages.painted("jpg", Color.BLUE)));

		assertRedirect(saved, "/admin?done=created");
		List<Object> photo = photoProperty(notes.findBySlug("two-photos").orElseThrow());
		assertThat(photo).hasSize(2);
		assertThat(value(photo.get(0))).startsWith(MEDIA).endsWith(".jpg");
		assertThat(alt(photo.get(0))).isEqualTo("A blue square");
		assertThat(value(photo.get(1))).startsWith(MEDIA).endsWith(".png");
		assertThat(alt(photo.get(1))).isEqualTo("A red square");
		Document note = org.jsoup.Jsoup.parse(server.get("/notes/two-photos").body(), AdminChecks.SITE_URL);
		assertThat(note.select(".h-entry img.u-photo").eachAttr("alt")).containsExactly("A blue square",
				"A red square");
	}

	@Test
	void withoutJavaScriptPreviewUploadsOnceAndTheSaveKeepsThePhotos() throws IOException {
		HttpResponse<String> previewed = this.owner.postMultipart("/admin/new",
				form("Photos *first*", "preview")
					.file("photo", "one.png", "image/png", TestImages.painted("png", Color.GREEN))
					.file("photo", "two.gif", "image/gif", TestImages.painted("gif", Color.ORANGE)));

		Document page = assertAdminPage(previewed, 200);
		List<String> keys = page.select("#photo-list input[type=hidden][name=photo-key]").eachAttr("value");
		assertThat(keys).hasSize(2).allSatisfy((key) -> assertThat(key).startsWith("url:" + MEDIA));
		assertThat(keys.get(0)).endsWith(".png");
		assertThat(keys.get(1)).endsWith(".gif");
		assertThat(page.select("#photo-list input[name=photo-alt]")).hasSize(2);
		assertThat(page.select("#photo-list input[name=photo-position]").eachAttr("value")).containsExactly("1", "2");
		assertThat(page.select("#photo-list label")).extracting(Element::text)
			.contains("Alt text (what the photo shows)", "Position", "Remove");
		Element preview = only(page, "section#preview");
		assertThat(preview.select("em").text()).isEqualTo("first");
		assertThat(preview.select("img.u-photo").eachAttr("src")).containsExactly(keys.get(0).substring(4),
				keys.get(1).substring(4));
		assertThat(page.select("textarea#content").val()).isEqualTo("Photos *first*");
		assertThat(notes.counts()).isEqualTo(new NoteCounts(0, 0, 0));
		long stored = mediaFiles();

		HttpResponse<String> saved = this.owner.postMultipart("/admin/new",
				form("Photos *first*", "save").field("photo-key", keys.get(0))
					.field("photo-alt", "Green")
					.field("photo-position", "2")
					.field("photo-key", keys.get(1))
					.field("photo-alt", "")
					.field("photo-position", "1"));

		assertRedirect(saved, "/admin?done=created");
		assertThat(mediaFiles()).as("nothing uploaded twice").isEqualTo(stored);
		List<Object> photo = photoProperty(notes.findBySlug("photos-first").orElseThrow());
		assertThat(photo).containsExactly(keys.get(1).substring(4),
				Map.of("value", keys.get(0).substring(4), "alt", "Green"));
	}

	@Test
	void editingReordersRemovesAndAddsPhotosAndKeepsOtherProperties() {
		String kept = upload(Color.CYAN);
		String elsewhere = "https://photos.example/elsewhere.jpg";
		Map<String, List<Object>> values = new LinkedHashMap<>();
		values.put("photo", List.of(kept, Map.of("value", elsewhere, "alt", "From elsewhere")));
		values.put("category", List.of("walks"));
		values.put("syndication", List.of("https://social.example/@me/1"));
		values.put("location", List.of(Map.of("type", List.of("h-geo"), "properties",
				Map.of("latitude", List.of("51.5"), "longitude", List.of("-0.1")))));
		Note note = noteService
			.create(new NewNote("Sent by an app", null, true, null, new NoteProperties(values, false)));

		Document editor = assertAdminPage(this.owner.get("/admin/edit/" + note.id()), 200);
		assertThat(editor.select("#photo-list input[name=photo-key]").eachAttr("value")).containsExactly("url:" + kept,
				"url:" + elsewhere);
		assertThat(editor.select("#photo-list input[name=photo-alt]").eachAttr("value")).containsExactly("",
				"From elsewhere");

		HttpResponse<String> reordered = this.owner.postMultipart("/admin/edit/" + note.id(),
				form("Sent by an app, edited", "save").field("tags", "walks")
					.field("photo-key", "url:" + kept)
					.field("photo-alt", "Cyan")
					.field("photo-position", "2")
					.field("photo-key", "url:" + elsewhere)
					.field("photo-alt", "From elsewhere")
					.field("photo-position", "1")
					.field("photo-key", "new:0")
					.field("photo-alt", "Magenta")
					.field("photo-position", "3")
					.file("photo", "magenta.png", "image/png", TestImages.painted("png", Color.MAGENTA)));
		assertRedirect(reordered, "/admin?done=updated");
		List<Object> photo = photoProperty(note);
		assertThat(photo).hasSize(3);
		assertThat(photo.get(0)).isEqualTo(Map.of("value", elsewhere, "alt", "From elsewhere"));
		assertThat(photo.get(1)).isEqualTo(Map.of("value", kept, "alt", "Cyan"));
		assertThat(value(photo.get(2))).startsWith(MEDIA);
		assertThat(alt(photo.get(2))).isEqualTo("Magenta");
		String added = value(photo.get(2));
		NoteProperties after = notes.properties(note);
		assertThat(after.values().get("syndication")).isEqualTo(values.get("syndication"));
		assertThat(after.values().get("location")).isEqualTo(values.get("location"));
		assertThat(after.categories()).containsExactly("walks");

		HttpResponse<String> removed = this.owner.postMultipart("/admin/edit/" + note.id(),
				form("Sent by an app, edited", "save").field("tags", "walks")
					.field("photo-key", "url:" + elsewhere)
					.field("photo-alt", "From elsewhere")
					.field("photo-key", "url:" + kept)
					.field("photo-alt", "Cyan")
					.field("photo-remove", "url:" + kept)
					.field("photo-key", "url:" + added)
					.field("photo-alt", "Magenta"));
		assertRedirect(removed, "/admin?done=updated");
		assertThat(photoProperty(note)).containsExactly(Map.of("value", elsewhere, "alt", "From elsewhere"),
				Map.of("value", added, "alt", "Magenta"));
		assertThat(notes.properties(note).values().get("syndication")).isEqualTo(values.get("syndication"));

		HttpResponse<String> none = this.owner.postMultipart("/admin/edit/" + note.id(),
				form("No photos now", "save").field("photo-key", "url:" + elsewhere)
					.field("photo-remove", "url:" + elsewhere)
					.field("photo-key", "url:" + added)
					.field("photo-remove", "url:" + added));
		assertRedirect(none, "/admin?done=updated");
		assertThat(notes.properties(note).values()).doesNotContainKey("photo");
		assertThat(notes.properties(note).values().get("location")).isEqualTo(values.get("location"));
	}

	@Test
	void anOlderFormWithoutPhotoFieldsLeavesThePhotosAsTheyAre() {
		String kept = upload(Color.PINK);
		Note note = noteService.create(new NewNote("Has a photo", null, true, null,
				new NoteProperties(Map.of("photo", List.of(kept)), false)));
		assertRedirect(this.owner.post("/admin/edit/" + note.id(), Map.of("content", "Text only", "published", "true")),
				"/admin?done=updated");
		assertThat(photoProperty(note)).containsExactly(kept);
	}

	@Test
	void refusedFilesComeBackWithTheTextTagsAltTextsAndKeptPhotos() {
		String kept = upload(Color.YELLOW);
		HttpResponse<String> response = this.owner.postMultipart("/admin/new",
				form("Worth keeping", "save").field("tags", "one, two")
					.field("photo-key", "url:" + kept)
					.field("photo-alt", "The kept one")
					.field("photo-key", "new:0")
					.field("photo-alt", "Too big")
					.field("photo-key", "new:1")
					.field("photo-alt", "Not a picture")
					.field("photo-key", "new:2")
					.field("photo-alt", "A good one")
					.file("photo", "huge.png", "image/png",
							TestImages.padded(TestImages.painted("png", Color.RED), MAX_BYTES + 1))
					.file("photo", "notes.txt", "image/png", "just words".getBytes(StandardCharsets.UTF_8))
					.file("photo", "good.png", "image/png", TestImages.painted("png", Color.GREEN)));

		Document page = assertAdminPage(response, 413);
		String error = only(page, "#photos-error").text();
		assertThat(error).contains("“huge.png” was not added", "larger than 64 KB", "“notes.txt” was not added",
				"not an image");
		assertThat(page.select("textarea#content").val()).isEqualTo("Worth keeping");
		assertThat(page.select("input#tags").val()).isEqualTo("one, two");
		assertThat(page.select("input#published").hasAttr("checked")).isTrue();
		List<String> keys = page.select("#photo-list input[name=photo-key]").eachAttr("value");
		assertThat(keys).hasSize(2);
		assertThat(keys.get(0)).isEqualTo("url:" + kept);
		assertThat(keys.get(1)).startsWith("url:" + MEDIA);
		assertThat(page.select("#photo-list input[name=photo-alt]").eachAttr("value")).containsExactly("The kept one",
				"A good one");
		assertThat(notes.counts()).isEqualTo(new NoteCounts(0, 0, 0));

		Document unsupported = assertAdminPage(this.owner.postMultipart("/admin/new", form("Still here", "save")
			.file("photo", "page.html", "image/png", "<html></html>".getBytes(StandardCharsets.UTF_8))), 415);
		assertThat(only(unsupported, "#photos-error").text()).contains("“page.html” was not added");
		assertThat(unsupported.select("textarea#content").val()).isEqualTo("Still here");
		assertThat(notes.counts()).isEqualTo(new NoteCounts(0, 0, 0));
	}

	@Test
	void emptyTextComesBackWithTheUploadedPhotosAndTheirAltTexts() {
		HttpResponse<String> response = this.owner.postMultipart("/admin/new",
				form(" ", "save").field("tags", "kept")
					.field("photo-key", "new:0")
					.field("photo-alt", "Alt typed before the error")
					.file("photo", "pic.jpg", "image/jpeg", TestImages.painted("jpg", Color.GRAY)));

		Document page = assertAdminPage(response, 422);
		assertThat(only(page, "#content-error").text()).isEqualTo("A note needs some text");
		assertThat(page.select("input#tags").val()).isEqualTo("kept");
		List<String> keys = page.select("#photo-list input[name=photo-key]").eachAttr("value");
		assertThat(keys).singleElement().asString().startsWith("url:" + MEDIA).endsWith(".jpg");
		assertThat(page.select("#photo-list input[name=photo-alt]").eachAttr("value"))
			.containsExactly("Alt typed before the error");
		assertThat(notes.counts()).isEqualTo(new NoteCounts(0, 0, 0));
	}

	@Test
	void aFifthPhotoIsRefusedAndNothingIsLost() {
		List<String> kept = List.of(upload(Color.RED), upload(Color.GREEN), upload(Color.BLUE));
		Multipart body = form("Five photos", "save");
		for (String url : kept) {
			body.field("photo-key", "url:" + url).field("photo-alt", "Alt of " + url.substring(url.lastIndexOf('/')));
		}
		body.file("photo", "four.png", "image/png", TestImages.painted("png", Color.BLACK))
			.file("photo", "five.png", "image/png", TestImages.painted("png", Color.WHITE));

		Document page = assertAdminPage(this.owner.postMultipart("/admin/new", body), 422);

		assertThat(only(page, "#photos-error").text()).contains("at most 4 photos", "remove 1");
		List<String> keys = page.select("#photo-list input[name=photo-key]").eachAttr("value");
		assertThat(keys).hasSize(5);
		assertThat(keys.subList(0, 3)).containsExactlyElementsOf(kept.stream().map((url) -> "url:" + url).toList());
		assertThat(page.select("textarea#content").val()).isEqualTo("Five photos");
		assertThat(notes.counts()).isEqualTo(new NoteCounts(0, 0, 0));

		Multipart four = form("Four photos", "save");
		keys.forEach((key) -> four.field("photo-key", key));
		four.field("photo-remove", keys.get(4));
		assertRedirect(this.owner.postMultipart("/admin/new", four), "/admin?done=created");
		assertThat(photoProperty(notes.findBySlug("four-photos").orElseThrow()))
			.containsExactlyElementsOf(keys.subList(0, 4).stream().map((key) -> key.substring(4)).toList());
	}

	@Test
	void addressesFromElsewhereAreNeverTakenFromHiddenFields() {
		String note = AdminChecks.SITE_URL + "notes/other";
		for (String url : List.of("https://evil.example/media/2026/01/x.png", AdminChecks.SITE_URL + "media/../x.png",
				AdminChecks.SITE_URL + "media/2026/01/x.png?y=1", note)) {
			Document page = assertAdminPage(this.owner.postMultipart("/admin/new",
					form("Sneaky", "save").field("photo-key", "url:" + url).field("photo-alt", "sneaky")), 422);
			assertThat(only(page, "#photos-error").text()).contains("not one of this site's uploads");
			assertThat(page.select("#photo-list li")).isEmpty();
			assertThat(page.select("textarea#content").val()).isEqualTo("Sneaky");
		}
		assertThat(notes.counts()).isEqualTo(new NoteCounts(0, 0, 0));
	}

	@Test
	void aMultipartFormWithoutItsCsrfFieldIsRefused() throws IOException {
		long stored = mediaFiles();
		Multipart body = new Multipart().field("content", "Forged")
			.field("published", "true")
			.field("photo-form", "1")
			.file("photo", "x.png", "image/png", TestImages.png());
		HttpResponse<String> response = this.owner.postMultipart("/admin/new", body);
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(notes.counts()).isEqualTo(new NoteCounts(0, 0, 0));
		assertThat(mediaFiles()).isEqualTo(stored);

		Multipart wrong = new Multipart().field("_csrf", "not-the-token").field("content", "Forged");
		assertThat(this.owner.postMultipart("/admin/new", wrong).statusCode()).isEqualTo(403);
		assertThat(notes.counts()).isEqualTo(new NoteCounts(0, 0, 0));
	}

	@Test
	void aFormOverTheWholeLimitGoesBackToTheEditorWhichSaysWhy() {
		Multipart body = form("Lost, sadly", "save");
		for (int i = 0; i < 6; i++) {
			body.file("photo", "big" + i + ".png", "image/png",
					TestImages.padded(TestImages.painted("png", Color.RED), MAX_BYTES));
		}
		body.field("padding", "x".repeat(1024 * 1024));
		HttpResponse<String> refused = this.owner.postMultipart("/admin/new", body);
		assertRedirect(refused, "/admin/new?too-large");

		Document page = assertAdminPage(this.owner.get("/admin/new?too-large"), 200);
		assertThat(only(page, "p.form-error[role=alert]").text()).contains("Nothing was saved",
				"at most 4 photos of 64 KB");
		assertThat(notes.counts()).isEqualTo(new NoteCounts(0, 0, 0));
	}

	@Test
	void aBusyDatabaseComesBackAsTheEditorWithEverythingKept() throws Exception {
		String kept = upload(Color.LIGHT_GRAY);
		Multipart body = form("Written while busy", "save").field("tags", "busy")
			.field("photo-key", "url:" + kept)
			.field("photo-alt", "Kept while busy");
		HttpResponse<String> response;
		try (Connection other = Sqlite.open(temp.resolve("starpunk.db")); Statement lock = other.createStatement()) {
			lock.execute("BEGIN IMMEDIATE");
			try {
				response = this.owner.postMultipart("/admin/new", body);
			}
			finally {
				lock.execute("ROLLBACK");
			}
		}
		Document page = assertAdminPage(response, 503);
		assertThat(only(page, "p.form-error[role=alert]").text()).contains("could not be saved just now",
				"nothing was lost");
		assertThat(page.select("textarea#content").val()).isEqualTo("Written while busy");
		assertThat(page.select("input#tags").val()).isEqualTo("busy");
		assertThat(page.select("#photo-list input[name=photo-key]").eachAttr("value")).containsExactly("url:" + kept);
		assertThat(page.select("#photo-list input[name=photo-alt]").eachAttr("value"))
			.containsExactly("Kept while busy");
		assertThat(notes.counts()).isEqualTo(new NoteCounts(0, 0, 0));
	}

	/** A form as the editor sends it, with its CSRF field. */
	private Multipart form(String content, String action) {
		return new Multipart().field("_csrf", this.owner.csrfToken())
			.field("photo-form", "1")
			.field("content", content)
			.field("published", "true")
			.field("action", action);
	}

	private static String upload(Color color) {
		return server.context()
			.getBean(MediaStore.class)
			.store(new java.io.ByteArrayInputStream(TestImages.painted("png", color)))
			.url()
			.toString();
	}

	private static List<Object> photoProperty(Note note) {
		return notes.properties(notes.find(note.id()).orElseThrow()).values().getOrDefault("photo", List.of());
	}

	private static String value(Object photo) {
		return (photo instanceof Map<?, ?> map) ? (String) map.get("value") : (String) photo;
	}

	private static String alt(Object photo) {
		return (photo instanceof Map<?, ?> map) ? (String) map.get("alt") : null;
	}

	private static long mediaFiles() throws IOException {
		Path media = temp.resolve("media");
		if (!Files.exists(media)) {
			return 0;
		}
		try (Stream<Path> files = Files.walk(media)) {
			return files.filter(Files::isRegularFile).count();
		}
		catch (UncheckedIOException ex) {
			throw ex.getCause();
		}
	}

}
