package io.starpunk.notes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.starpunk.support.RunningServer;
import io.starpunk.support.Sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The search index is checked against the notes' files at start-up, before the server
 * answers: a file edited by hand, a row missing, an index emptied, a row left by a note
 * that is gone.
 */
@ExtendWith(OutputCaptureExtension.class)
class SearchIndexCheckTests {

	private static SearchResults find(RunningServer server, String word) {
		return server.context().getBean(NoteSearch.class).all(SearchQuery.parse(word), 0, 100);
	}

	private static List<String> slugs(SearchResults results) {
		return results.hits().stream().map((hit) -> hit.note().slug()).toList();
	}

	@Test
	void reindexesANoteWhoseFileWasEditedByHand(@TempDir Path data, CapturedOutput output) throws IOException {
		Note edited;
		try (RunningServer server = RunningServer.start(data)) {
			NoteService noteService = server.context().getBean(NoteService.class);
			Notes notes = server.context().getBean(Notes.class);
			edited = noteService.create("The heron waits by the pond.", null, true);
			noteService.create("The pond is still.", null, true);
		}
		Path file = data.resolve(edited.filePath());
		Files.writeString(file, Files.readString(file).replace("heron", "kingfisher"), StandardCharsets.UTF_8);
		try (RunningServer server = RunningServer.start(data)) {
			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(slugs(find(server, "kingfisher"))).containsExactly(edited.slug()));
			assertThat(slugs(find(server, "heron"))).isEmpty();
			assertThat(find(server, "pond").total()).isEqualTo(2);
		}
		assertThat(output).contains("Search index checked against the notes: 1 note(s) indexed again, 0 row(s)");
		String log = output.toString();
		assertThat(log.lastIndexOf("Search index checked")).as("in the background, once the port is open")
			.isGreaterThan(log.lastIndexOf("Tomcat started on port"));
	}

	@Test
	void rebuildsAnIndexEmptiedByHandAndDropsRowsOfNotesThatAreGone(@TempDir Path data, CapturedOutput output)
			throws IOException, SQLException {
		Note draft;
		Note html;
		try (RunningServer server = RunningServer.start(data)) {
			NoteService noteService = server.context().getBean(NoteService.class);
			Notes notes = server.context().getBean(Notes.class);
			for (int i = 0; i < 30; i++) {
				noteService.create("Otter number " + i + " swims.", null, true);
			}
			draft = noteService.create("A draft about an otter.", null, false);
			html = noteService.create(new NewNote("<p>An <em>otter</em> in HTML &amp; more</p>", null, true, null,
					new NoteProperties(java.util.Map.of("name", List.of("Otters in HTML")), true)));
		}
		try (Connection connection = Sqlite.open(data.resolve("starpunk.db"));
				Statement statement = connection.createStatement()) {
			statement.executeUpdate("DELETE FROM notes_fts");
			statement.executeUpdate(
					"INSERT INTO notes_fts (rowid, title, content, content_hash) VALUES (999999, 'ghost', 'otter ghost', 'x')");
		}
		try (RunningServer server = RunningServer.start(data)) {
			SearchResults all = find(server, "otters");
			assertThat(all.total()).isEqualTo(32);
			assertThat(slugs(all)).contains(draft.slug(), html.slug());
			SearchHit fromHtml = all.hits()
				.stream()
				.filter((hit) -> hit.note().id() == html.id())
				.findFirst()
				.orElseThrow();
			assertThat(fromHtml.title()).isEqualTo("Otters in HTML");
			assertThat(fromHtml.snippet().text()).isEqualTo("An otter in HTML & more");
			assertThat(server.context().getBean(NoteSearch.class).visible(SearchQuery.parse("otter"), 0, 100).total())
				.isEqualTo(31);
			assertThat(find(server, "ghost").total()).isZero();
		}
		assertThat(Sqlite.rows(data.resolve("starpunk.db"), "SELECT count(*) AS n FROM notes_fts"))
			.containsExactly(java.util.Map.of("n", "32"));
		assertThat(output).contains("32 note(s) indexed again, 1 row(s) of purged notes removed");
	}

	@Test
	void indexesANoteWhoseFileIsMissingAsEmptyAndStarts(@TempDir Path data, CapturedOutput output)
			throws IOException, SQLException {
		Note lost;
		try (RunningServer server = RunningServer.start(data)) {
			lost = server.context().getBean(NoteService.class).create("The lost puffin.", null, true);
		}
		Files.delete(data.resolve(lost.filePath()));
		try (RunningServer server = RunningServer.start(data)) {
			await().atMost(Duration.ofSeconds(20)).until(() -> output.toString().contains("indexed again"));
			assertThat(find(server, "puffin").total()).isZero();
		}
		try (RunningServer server = RunningServer.start(data)) {
			assertThat(server.context().getBean(SearchIndexCheck.class).check()).as("left alone").isZero();
			assertThat(find(server, "puffin").total()).isZero();
		}
		assertThat(output.toString().split("indexed again", -1)).as("fixed once").hasSize(2);
	}

	@Test
	void leavesAnIndexThatMatchesAlone(@TempDir Path data, CapturedOutput output) {
		try (RunningServer server = RunningServer.start(data)) {
			server.context().getBean(NoteService.class).create("Nothing to fix.", null, true);
			assertThat(server.context().getBean(SearchIndexCheck.class).check()).isZero();
		}
		try (RunningServer server = RunningServer.start(data)) {
			assertThat(find(server, "fix").total()).isEqualTo(1);
		}
		assertThat(output).doesNotContain("Search index checked");
	}

	@Test
	void rebuildsTenThousandNotesInAFewSeconds(@TempDir Path data) throws SQLException {
		try (RunningServer server = RunningServer.start(data)) {
			NoteService noteService = server.context().getBean(NoteService.class);
			Notes notes = server.context().getBean(Notes.class);
			for (int i = 0; i < 200; i++) {
				noteService.create("Seed note " + i, null, true);
			}
		}
		// 9,800 more notes written straight into the database and the folder, as an
		// adopted StarPunk data directory would have them, with an empty index
		try (Connection connection = Sqlite.open(data.resolve("starpunk.db"))) {
			connection.setAutoCommit(false);
			Files.createDirectories(data.resolve("notes/2025/11"));
			try (var insert = connection.prepareStatement(
					"INSERT INTO notes (slug, file_path, published, created_at, updated_at) VALUES (?, ?, 1, ?, ?)")) {
				for (int i = 0; i < 9_800; i++) {
					String slug = "bulk-" + i;
					String path = "notes/2025/11/" + slug + ".md";
					Files.writeString(data.resolve(path),
							"# Bulk " + i + "\n\nA note about **badgers** and the number " + i + ".\n");
					insert.setString(1, slug);
					insert.setString(2, path);
					insert.setString(3, "2025-11-20 12:00:00");
					insert.setString(4, "2025-11-20 12:00:00");
					insert.addBatch();
				}
				insert.executeBatch();
			}
			try (Statement statement = connection.createStatement()) {
				statement.executeUpdate("DELETE FROM notes_fts");
			}
			connection.commit();
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		try (RunningServer server = RunningServer.start(data)) {
			SearchIndexCheck check = server.context().getBean(SearchIndexCheck.class);
			assertThat(find(server, "badger").total()).isEqualTo(9_800);
			server.context()
				.getBean(org.springframework.jdbc.core.simple.JdbcClient.class)
				.sql("DELETE FROM notes_fts")
				.update();
			long start = System.nanoTime();
			assertThat(check.check()).isEqualTo(10_000);
			long millis = (System.nanoTime() - start) / 1_000_000;
			assertThat(millis).as("rebuilt in %d ms", millis).isLessThan(15_000);
			System.out.println("Search index rebuilt for 10,000 notes in " + millis + " ms");
			assertThat(find(server, "badger").total()).isEqualTo(9_800);
		}
	}

}
