package io.starpunk.database;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.jayway.jsonpath.JsonPath;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.starpunk.support.LegacyFixtures;
import io.starpunk.support.RunningServer;
import io.starpunk.support.Sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * StarPunk 1.1 to 1.5 data directories started on by the real application: what STATES.md
 * asks of their adoption beyond the schema (points 3, 8, 9 and 10; LegacyAdoptionTests
 * covers the schema, the backup and a second start), the states in between, and the
 * databases that must be refused.
 */
@ExtendWith(OutputCaptureExtension.class)
class LaterStarpunkAdoptionTests {

	private static final List<String> LATER = LegacyFixtures.LATER;

	private static final String SITE_URL = "https://blog.example/";

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static final String PHOTO_WALK_FIRST = "4ae425b7-0ab3-54b3-96f1-e90a85b124fd.jpg";

	private static final String PHOTO_WALK_SECOND = "7fd64aa0-2436-501e-adbc-2ae464b8a64c.jpg";

	private static final String TALL_WINDOW = "b4d18b47-845a-57a9-831c-44bd6f48fc5a.png";

	private static final String LIGHTHOUSE = "a84f15a2-692c-5980-b905-30d59d59b2c0.jpg";

	@ParameterizedTest(name = "{0}")
	@FieldSource("LATER")
	void thePublishedNotesAreServedAndTheDraftAndTheDeletedOneAreNot(String fixture, @TempDir Path temp)
			throws Exception {
		Path dataPath = LegacyFixtures.copy(fixture, temp);
		List<Map<String, String>> notes = Sqlite.rows(dataPath.resolve("starpunk.db"),
				"SELECT slug, published, deleted_at FROM notes ORDER BY id");
		try (RunningServer server = start(dataPath)) {
			assertThat(server.get("/health").statusCode()).isEqualTo(200);
			for (Map<String, String> note : notes) {
				int expected = (note.get("deleted_at") != null) ? 410 : note.get("published").equals("1") ? 200 : 404;
				assertThat(server.get("/notes/" + note.get("slug")).statusCode()).as(note.get("slug"))
					.isEqualTo(expected);
			}
		}
		assertThat(notes).extracting((note) -> note.get("slug")).contains("draft-thoughts", "deleted-note");
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "v1.3.0", "v1.5.0" })
	void photosStayOnTheirNotesInOrderWithTheirCaptionsAsAltText(String fixture, @TempDir Path temp) {
		Path dataPath = LegacyFixtures.copy(fixture, temp);
		try (RunningServer server = start(dataPath)) {
			assertThat(photos(server, "photo-walk")).containsExactly(
					Map.entry(SITE_URL + "media/2025/12/" + PHOTO_WALK_FIRST, "Stone bridge at dawn"),
					Map.entry(SITE_URL + "media/2025/12/" + PHOTO_WALK_SECOND, "Market stalls, looking north"));
			assertThat(photos(server, "tall-window"))
				.containsExactly(Map.entry(SITE_URL + "media/2025/12/" + TALL_WINDOW, ""));
			assertThat(photos(server, "hello-world")).isEmpty();
			if (fixture.equals("v1.5.0")) {
				assertThat(photos(server, "20251216093015")).containsExactly(
						Map.entry(SITE_URL + "media/2025/12/" + LIGHTHOUSE, "Lighthouse at noon, from the pier"));
				assertThat(photos(server, "20251216093015-1")).isEmpty();
			}
		}
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "v1.3.0", "v1.5.0" })
	void everyOldMediaUrlAnswersWithTheSameBytes(String fixture, @TempDir Path temp) throws Exception {
		Path dataPath = LegacyFixtures.copy(fixture, temp);
		Map<String, byte[]> files = mediaFiles(dataPath);
		assertThat(files).hasSize(fixture.equals("v1.5.0") ? 15 : 3).containsKey(PHOTO_WALK_FIRST);
		try (RunningServer server = start(dataPath)) {
			for (Map.Entry<String, byte[]> file : files.entrySet()) {
				HttpResponse<byte[]> response = getBytes(server, "/media/2025/12/" + file.getKey());
				assertThat(response.statusCode()).as(file.getKey()).isEqualTo(200);
				assertThat(response.headers().firstValue("Content-Type")).as(file.getKey())
					.hasValue(file.getKey().endsWith(".png") ? "image/png" : "image/jpeg");
				assertThat(LegacyAdoptionTests.sha256(response.body())).as(file.getKey())
					.isEqualTo(LegacyAdoptionTests.sha256(file.getValue()));
			}
		}
		assertThat(mediaFiles(dataPath)).as("the files are not touched")
			.allSatisfy((name, bytes) -> assertThat(bytes).isEqualTo(files.get(name)));
		List<Map<String, String>> rows = Sqlite.rows(dataPath.resolve("starpunk.db"),
				"SELECT path, content_type, size_bytes, content_hash, created_at FROM media ORDER BY path");
		assertThat(rows).hasSize(files.size());
		for (Map<String, String> row : rows) {
			byte[] bytes = files.get(row.get("path").substring("media/2025/12/".length()));
			assertThat(row.get("size_bytes")).isEqualTo(Integer.toString(bytes.length));
			assertThat(row.get("content_hash")).isEqualTo(LegacyAdoptionTests.sha256(bytes));
			assertThat(row.get("created_at")).matches("2025-12-1\\d \\d\\d:\\d\\d:\\d\\d");
		}
	}

	@Test
	void theExifOfAPublishedOriginalIsServedAsItWas(@TempDir Path temp) throws Exception {
		Path dataPath = LegacyFixtures.copy("v1.5.0", temp);
		byte[] original = Files.readAllBytes(dataPath.resolve("media/2025/12/" + LIGHTHOUSE));
		assertThat(new String(original, StandardCharsets.ISO_8859_1)).contains("Exif");
		try (RunningServer server = start(dataPath)) {
			assertThat(getBytes(server, "/media/2025/12/" + LIGHTHOUSE).body()).isEqualTo(original);
		}
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "v1.3.0", "v1.5.0" })
	void tagsBecomeTheNotesCategoriesInTheirDisplaySpelling(String fixture, @TempDir Path temp) throws Exception {
		Path dataPath = LegacyFixtures.copy(fixture, temp);
		try (RunningServer server = start(dataPath)) {
			assertThat(server.get("/health").statusCode()).isEqualTo(200);
		}
		Map<String, String> properties = properties(dataPath);
		assertThat(categories(properties.get("photo-walk"))).containsExactly("IndieWeb", "Photography");
		assertThat(categories(properties.get("owning-your-words"))).containsExactly("IndieWeb", "Writing");
		assertThat(categories(properties.get("draft-thoughts"))).containsExactly("Micropub");
		assertThat(properties).doesNotContainKey("hello-world");
		if (fixture.equals("v1.5.0")) {
			assertThat(categories(properties.get("20251216093015"))).containsExactly("Coffee");
		}
		List<Object> photos = JsonPath.read(properties.get("photo-walk"), "$.photo");
		assertThat(photos).containsExactly(
				Map.of("value", SITE_URL + "media/2025/12/" + PHOTO_WALK_FIRST, "alt", "Stone bridge at dawn"),
				Map.of("value", SITE_URL + "media/2025/12/" + PHOTO_WALK_SECOND, "alt",
						"Market stalls, looking north"));
		assertThat((List<Object>) JsonPath.read(properties.get("tall-window"), "$.photo"))
			.containsExactly(SITE_URL + "media/2025/12/" + TALL_WINDOW);
		assertThat(Sqlite.rows(dataPath.resolve("starpunk.db"), "SELECT DISTINCT content_format FROM note_properties"))
			.containsExactly(Map.of("content_format", "markdown"));
	}

	@Test
	void aStarpunk12WithoutTagsIsAdoptedWithItsPhotos(@TempDir Path temp, CapturedOutput output) throws Exception {
		Path dataPath = LegacyFixtures.copy("v1.3.0", temp);
		Path database = dataPath.resolve("starpunk.db");
		Sqlite.script(database, "/starpunk-legacy/derived/v1.2-without-tags.sql");
		try (RunningServer server = start(dataPath)) {
			assertThat(server.get("/health").statusCode()).isEqualTo(200);
			assertThat(photos(server, "photo-walk")).hasSize(2);
		}
		assertThat(output).contains("StarPunk 1.2.x (StarPunk migrations 001-007 recorded");
		assertThat(properties(dataPath).values()).allSatisfy((json) -> assertThat(json).doesNotContain("category"));
		assertThat(Sqlite.rows(database, "SELECT name FROM sqlite_master WHERE name LIKE 'starpunk\\_%' ESCAPE '\\'"))
			.isEmpty();
	}

	@Test
	void photoTablesWithOnlyTheColumnsAdoptionNeedsAreRead(@TempDir Path temp) throws Exception {
		Path dataPath = LegacyFixtures.copy("v1.3.0", temp);
		Path database = dataPath.resolve("starpunk.db");
		Sqlite.script(database, "/starpunk-legacy/derived/v1.3-minimal-photo-columns.sql");
		try (RunningServer server = start(dataPath)) {
			// no display_order: the order the rows were written in (the reverse, here)
			assertThat(photos(server, "photo-walk")).containsExactly(
					Map.entry(SITE_URL + "media/2025/12/" + PHOTO_WALK_SECOND, ""),
					Map.entry(SITE_URL + "media/2025/12/" + PHOTO_WALK_FIRST, ""));
			assertThat(getBytes(server, "/media/2025/12/" + TALL_WINDOW).headers().firstValue("Content-Type"))
				.as("the type from the extension")
				.hasValue("image/png");
		}
		assertThat(Sqlite.rows(database, "SELECT DISTINCT created_at FROM media")).as("no upload time: the upgrade's")
			.singleElement()
			.satisfies((row) -> assertThat(row.get("created_at")).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d")
				.doesNotStartWith("2025-12"));
	}

	@Test
	void aMissingVariantFileIsNamedInAWarningAndEverythingElseIsServed(@TempDir Path temp, CapturedOutput output)
			throws Exception {
		Path dataPath = LegacyFixtures.copy("v1.5.0", temp);
		String missing = LIGHTHOUSE.replace(".jpg", "_large.jpg");
		Files.delete(dataPath.resolve("media/2025/12/" + missing));
		Map<String, byte[]> files = mediaFiles(dataPath);
		try (RunningServer server = start(dataPath)) {
			assertThat(server.get("/health").statusCode()).isEqualTo(200);
			assertThat(getBytes(server, "/media/2025/12/" + missing).statusCode()).isEqualTo(404);
			for (Map.Entry<String, byte[]> file : files.entrySet()) {
				assertThat(getBytes(server, "/media/2025/12/" + file.getKey()).body()).as(file.getKey())
					.isEqualTo(file.getValue());
			}
			assertThat(photos(server, "20251216093015")).hasSize(1);
		}
		assertThat(output.getOut().lines().filter((line) -> line.contains(missing)))
			.singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
			.contains("WARN")
			.contains("is missing");
	}

	@Test
	void aStaleSearchIndexIsNotCarriedOver(@TempDir Path temp) throws Exception {
		Path dataPath = LegacyFixtures.copy("v1.5.0", temp);
		Path database = dataPath.resolve("starpunk.db");
		Sqlite.execute(database, "UPDATE notes_fts SET content = 'zanzibarquokka' WHERE rowid = 1");
		assertThat(Sqlite.rows(database, "SELECT rowid FROM notes_fts WHERE notes_fts MATCH 'zanzibarquokka'"))
			.hasSize(1);
		try (RunningServer server = start(dataPath)) {
			assertThat(server.get("/health").statusCode()).isEqualTo(200);
		}
		assertThat(Sqlite.rows(database, "SELECT rowid FROM notes_fts WHERE notes_fts MATCH 'zanzibarquokka'"))
			.isEmpty();
		assertThat(Sqlite.rows(database,
				"SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'notes\\_fts%' ESCAPE '\\'"))
			.as("this server's index and its five shadow tables only")
			.extracting((row) -> row.get("name"))
			.containsExactlyInAnyOrder("notes_fts", "notes_fts_data", "notes_fts_idx", "notes_fts_content",
					"notes_fts_docsize", "notes_fts_config");
		assertThat(Sqlite.rows(database, "SELECT name FROM sqlite_master WHERE type = 'trigger'"))
			.extracting((row) -> row.get("name"))
			.containsExactly("notes_fts_forget");
		assertThat(Sqlite.rows(database, "SELECT name FROM sqlite_master WHERE name = 'author_profile'")).isEmpty();
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			010_add_webmentions.sql | that are newer than the StarPunk 1.5.x this server can adopt
			005b_custom.sql         | that this server does not know
			""")
	void aDatabaseRecordingAMigrationThisServerDoesNotKnowIsRefusedAndLeftAsItWas(String migration, String reason,
			@TempDir Path temp) throws Exception {
		Path dataPath = LegacyFixtures.copy("v1.5.0", temp);
		Path database = dataPath.resolve("starpunk.db");
		Sqlite.execute(database, "INSERT INTO schema_migrations (migration_name, applied_at)" + " VALUES ('" + migration
				+ "', '2026-01-01 00:00:00')");
		String hash = LegacyAdoptionTests.sha256(Files.readAllBytes(database));

		Throwable thrown = catchThrowable(() -> start(dataPath).close());

		StartupFailure failure = startupFailure(thrown);
		assertThat(failure.getMessage())
			.startsWith(database + " records StarPunk migration(s) [" + migration + "] " + reason)
			.contains("it was left untouched")
			.doesNotContain("\n");
		assertThat(LegacyAdoptionTests.sha256(Files.readAllBytes(database))).isEqualTo(hash);
		assertThat(dataPath.resolve("backups")).doesNotExist();
	}

	@Test
	void aTableUnderAStarpunkNameWithoutStarpunksShapeIsRefusedAndLeftAsItWas(@TempDir Path temp) throws Exception {
		Path dataPath = LegacyFixtures.copy("v1.0.0", temp);
		Path database = dataPath.resolve("starpunk.db");
		Sqlite.script(database, "/starpunk-legacy/derived/v1.0-with-another-media-table.sql");
		String hash = LegacyAdoptionTests.sha256(Files.readAllBytes(database));

		Throwable thrown = catchThrowable(() -> start(dataPath).close());

		assertThat(startupFailure(thrown).getMessage())
			.startsWith(database + " has a table media [id, path, checksum] that is not the one StarPunk 1.x made;"
					+ " it was left untouched.")
			.doesNotContain("\n");
		assertThat(LegacyAdoptionTests.sha256(Files.readAllBytes(database))).isEqualTo(hash);
		assertThat(dataPath.resolve("backups")).doesNotExist();
	}

	@Test
	void aDryRunOnStarpunk15ChangesNoByteAndReportsSuccess(@TempDir Path temp, CapturedOutput output) throws Exception {
		Path dataPath = LegacyFixtures.copy("v1.5.0", temp);
		Map<String, String> before = hashes(dataPath);
		ByteArrayOutputStream report = new ByteArrayOutputStream();

		int exitCode = MigrationCommand.run(new String[] { MigrationCommand.DRY_RUN, "--DATA_PATH=" + dataPath },
				new PrintStream(report, true, StandardCharsets.UTF_8));

		assertThat(exitCode).isZero();
		assertThat(report.toString(StandardCharsets.UTF_8)).contains(
				"Detected: StarPunk 1.4.x or 1.5.x (StarPunk migrations 001-009 recorded",
				"Would adopt it as schema version 1", "6.1 - Adopt starpunk photos and tags",
				"Trial upgrade of a scratch copy: succeeded", "Dry run: nothing was changed");
		assertThat(output).as("the trial read the photos from DATA_PATH").doesNotContain("is missing");
		assertThat(hashes(dataPath)).isEqualTo(before);
	}

	private static RunningServer start(Path dataPath) {
		return RunningServer.start(dataPath, List.of(), "SITE_URL=" + SITE_URL);
	}

	/** The note page's photos, as src to alt, in order. */
	private static List<Map.Entry<String, String>> photos(RunningServer server, String slug) {
		HttpResponse<String> page = server.get("/notes/" + slug);
		assertThat(page.statusCode()).as(slug).isEqualTo(200);
		Document document = Jsoup.parse(page.body(), server.uri("/notes/" + slug).toString());
		Element entry = document.selectFirst(".h-entry");
		assertThat(entry).as("h-entry of " + slug).isNotNull();
		return entry.select("img.u-photo").stream().map((img) -> Map.entry(img.attr("src"), img.attr("alt"))).toList();
	}

	private static HttpResponse<byte[]> getBytes(RunningServer server, String path) throws Exception {
		return http.send(HttpRequest.newBuilder(server.uri(path)).timeout(Duration.ofSeconds(10)).GET().build(),
				HttpResponse.BodyHandlers.ofByteArray());
	}

	/** The files in the fixture's {@code media/2025/12}, by name. */
	private static Map<String, byte[]> mediaFiles(Path dataPath) throws IOException {
		Map<String, byte[]> files = new LinkedHashMap<>();
		try (Stream<Path> listing = Files.list(dataPath.resolve("media/2025/12"))) {
			for (Path file : listing.sorted().toList()) {
				files.put(file.getFileName().toString(), Files.readAllBytes(file));
			}
		}
		return files;
	}

	/** Each note's properties JSON, by slug. */
	private static Map<String, String> properties(Path dataPath) throws Exception {
		Map<String, String> properties = new LinkedHashMap<>();
		for (Map<String, String> row : Sqlite.rows(dataPath.resolve("starpunk.db"),
				"SELECT slug, properties FROM notes JOIN note_properties ON note_id = notes.id ORDER BY notes.id")) {
			properties.put(row.get("slug"), row.get("properties"));
		}
		return properties;
	}

	private static List<String> categories(String json) {
		assertThat(json).isNotNull();
		return JsonPath.read(json, "$.category");
	}

	/** Every file under a directory, as its SHA-256. */
	private static Map<String, String> hashes(Path directory) throws Exception {
		Map<String, String> hashes = new LinkedHashMap<>();
		try (Stream<Path> files = Files.walk(directory)) {
			for (Path file : files.sorted().toList()) {
				hashes.put(directory.relativize(file).toString(),
						Files.isRegularFile(file) ? LegacyAdoptionTests.sha256(Files.readAllBytes(file)) : "dir");
			}
		}
		return hashes;
	}

	private static StartupFailure startupFailure(Throwable thrown) {
		for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
			if (cause instanceof StartupFailure failure) {
				return failure;
			}
		}
		throw new AssertionError("No StartupFailure in " + thrown, thrown);
	}

}
