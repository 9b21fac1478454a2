package io.starpunk.notes;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.starpunk.support.RunningServer;
import io.starpunk.support.Sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The tags are an index of the notes' categories, brought up to date at start-up: a
 * category changed in the database while the server was stopped, an index emptied, and
 * categories written without tags (as the adoption of a StarPunk database writes them)
 * all have the right tags once the server is back.
 */
class TagReconciliationTests {

	@TempDir
	Path dataPath;

	@Test
	void aCategoryChangedWhileStoppedHasItsTagsAfterARestart() throws Exception {
		long changed;
		try (RunningServer server = RunningServer.start(this.dataPath)) {
			NoteService noteService = server.context().getBean(NoteService.class);
			Notes notes = server.context().getBean(Notes.class);
			changed = noteService.create(new NewNote("Was about tea", null, true, null, categories("Tea"))).id();
			noteService.create(new NewNote("Still about tea", null, true, null, categories("tea", "Biscuits")));
		}
		try (Connection connection = Sqlite.open(database());
				PreparedStatement update = connection
					.prepareStatement("UPDATE note_properties SET properties = ? WHERE note_id = ?")) {
			update.setString(1, "{\"category\": [\"Coffee\", \"TEA\"]}");
			update.setLong(2, changed);
			assertThat(update.executeUpdate()).isOne();
			update.setString(1, "{\"category\": [\"Coffee\"]}");
			update.setLong(2, changed + 1);
			assertThat(update.executeUpdate()).isOne();
		}

		try (RunningServer server = RunningServer.start(this.dataPath)) {
			// brought up to date in the background, once the server is up
			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(tagsOf(changed)).containsExactly("coffee", "tea"));
			assertThat(tagsOf(changed + 1)).containsExactly("coffee");
			assertThat(Sqlite.rows(database(), "SELECT name, display_name FROM tags ORDER BY name"))
				.as("a tag no note carries is gone; the first spelling stays")
				.containsExactly(Map.of("name", "coffee", "display_name", "Coffee"),
						Map.of("name", "tea", "display_name", "Tea"));
			assertThat(server.get("/tags/coffee").statusCode()).isEqualTo(200);
			assertThat(server.get("/tags/biscuits").statusCode()).isEqualTo(404);
		}
	}

	@Test
	void anEmptiedIndexIsRebuiltWithTheCategoriesSpellings() throws Exception {
		long first;
		try (RunningServer server = RunningServer.start(this.dataPath)) {
			NoteService noteService = server.context().getBean(NoteService.class);
			Notes notes = server.context().getBean(Notes.class);
			first = noteService
				.create(new NewNote("Old", null, true, java.time.Instant.parse("2024-01-01T00:00:00Z"),
						categories("IndieWeb", "Café")))
				.id();
			noteService.create(new NewNote("New", null, true, null, categories("indieweb"))).id();
		}
		try (Connection connection = Sqlite.open(database()); Statement statement = connection.createStatement()) {
			statement.executeUpdate("DELETE FROM note_tags");
			statement.executeUpdate("DELETE FROM tags");
			// as StarPunk's adoption writes a note's tags: the category, and no tags rows
			Statement insert = connection.createStatement();
			insert.executeUpdate("""
					INSERT INTO notes (slug, file_path, published, created_at, updated_at)
					VALUES ('adopted', 'notes/2025/11/adopted.md', 1, '2025-11-01 00:00:00', '2025-11-01 00:00:00')""");
			insert.executeUpdate(
					"""
							INSERT INTO note_properties (note_id, properties, content_format)
							SELECT id, '{"category": ["IndieWeb", "Adopted Tag"]}', 'markdown' FROM notes WHERE slug = 'adopted'""");
		}
		java.nio.file.Files.createDirectories(this.dataPath.resolve("notes/2025/11"));
		java.nio.file.Files.writeString(this.dataPath.resolve("notes/2025/11/adopted.md"), "Adopted from StarPunk");

		try (RunningServer server = RunningServer.start(this.dataPath)) {
			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(tagsOf(first)).containsExactly("cafe", "indieweb"));
			assertThat(Sqlite.rows(database(), "SELECT name, display_name FROM tags ORDER BY name")).containsExactly(
					Map.of("name", "adopted-tag", "display_name", "Adopted Tag"),
					Map.of("name", "cafe", "display_name", "Café"),
					Map.of("name", "indieweb", "display_name", "IndieWeb"));
			Tags tags = server.context().getBean(Tags.class);
			assertThat(tags.counts()).containsExactly(new TagCount(new Tag("adopted-tag", "Adopted Tag"), 1),
					new TagCount(new Tag("cafe", "Café"), 1), new TagCount(new Tag("indieweb", "IndieWeb"), 3));
			assertThat(server.get("/tags/indieweb").body()).contains("Adopted from StarPunk");
		}
	}

	@Test
	void tenThousandNotesAreReconciledInAFewSeconds() throws Exception {
		try (RunningServer server = RunningServer.start(this.dataPath)) {
			// migrated; stopped again before the notes are written behind its back
		}
		try (Connection connection = Sqlite.open(database())) {
			connection.setAutoCommit(false);
			try (PreparedStatement note = connection.prepareStatement("""
					INSERT INTO notes (slug, file_path, published, created_at, updated_at)
					VALUES (?, ?, 1, '2025-11-01 00:00:00', '2025-11-01 00:00:00')""");
					PreparedStatement properties = connection.prepareStatement("""
							INSERT INTO note_properties (note_id, properties, content_format)
							SELECT id, ?, 'markdown' FROM notes WHERE slug = ?""")) {
				for (int i = 0; i < 10_000; i++) {
					String slug = "bulk-" + i;
					note.setString(1, slug);
					note.setString(2, "notes/2025/11/" + slug + ".md");
					note.executeUpdate();
					properties.setString(1,
							"{\"category\": [\"Tag " + (i % 50) + "\", \"Tag " + ((i + 1) % 50) + "\", \"Common\"]}");
					properties.setString(2, slug);
					properties.executeUpdate();
				}
			}
			connection.commit();
		}
		try (RunningServer server = RunningServer.start(this.dataPath)) {
			await().atMost(Duration.ofSeconds(60))
				.untilAsserted(
						() -> assertThat(Sqlite.rows(database(), "SELECT count(*) AS n FROM note_tags").get(0).get("n"))
							.isEqualTo("30000"));
			TagIndex index = server.context().getBean(TagIndex.class);
			long started = System.nanoTime();
			assertThat(index.reconcile()).as("nothing differs").isZero();
			long unchanged = System.nanoTime() - started;
			server.context()
				.getBean(org.springframework.jdbc.core.simple.JdbcClient.class)
				.sql("DELETE FROM note_tags")
				.update();
			started = System.nanoTime();
			assertThat(index.reconcile()).isEqualTo(10_000);
			long rebuilt = System.nanoTime() - started;
			assertThat(java.time.Duration.ofNanos(unchanged)).isLessThan(java.time.Duration.ofSeconds(5));
			assertThat(java.time.Duration.ofNanos(rebuilt)).isLessThan(java.time.Duration.ofSeconds(20));
			assertThat(server.context().getBean(Tags.class).counts())
				.contains(new TagCount(new Tag("common", "Common"), 10_000));
		}
	}

	private List<String> tagsOf(long noteId) throws Exception {
		return Sqlite
			.rows(database(),
					"SELECT tags.name FROM note_tags JOIN tags ON tags.id = note_tags.tag_id WHERE note_id = " + noteId
							+ " ORDER BY tags.name")
			.stream()
			.map((row) -> row.get("name"))
			.toList();
	}

	private Path database() {
		return this.dataPath.resolve("starpunk.db");
	}

	private static NoteProperties categories(String... categories) {
		return new NoteProperties(Map.of("category", List.of((Object[]) categories)), false);
	}

}
