package io.starpunk.notes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.starpunk.support.RunningServer;
import io.starpunk.support.Sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatRuntimeException;

/**
 * A note's file and row when the transaction that changes them fails at its very end, the
 * COMMIT (made to fail by a deferred foreign key, on the real database): a purge leaves
 * the file and the row, a replace leaves the old file, and a new note leaves no file.
 */
class FilesAfterCommitTests {

	@TempDir
	static Path data;

	private static RunningServer server;

	private static NoteService notes;

	@BeforeAll
	static void start() {
		server = RunningServer.start(data, List.of(), "SITE_URL=https://blog.example/",
				"ADMIN_ME=https://owner.example/");
		notes = server.context().getBean(NoteService.class);
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@AfterEach
	void acceptCommitsAgain() throws Exception {
		if (!Sqlite.rows(database(), "SELECT name FROM sqlite_master WHERE name = 'test_commit_refusals'").isEmpty()) {
			Sqlite.script(database(), "/failing-commits/accept-note-commits.sql");
		}
	}

	@Test
	void aPurgeThatDoesNotCommitLeavesTheFileAndTheRow() throws Exception {
		Note note = notes.create("A note whose purge fails", "purge-fails", true);
		Path file = data.resolve(note.filePath());
		refuseCommits();

		assertThatRuntimeException().isThrownBy(() -> notes.purge(note.id()));

		assertThat(file).exists().hasContent("A note whose purge fails");
		assertThat(Sqlite.rows(database(), "SELECT id FROM notes WHERE slug = 'purge-fails'")).hasSize(1);
		acceptCommitsAgain();
		notes.purge(note.id());
		assertThat(file).doesNotExist();
	}

	@Test
	void aReplaceThatDoesNotCommitLeavesTheOldFile() throws Exception {
		Note note = notes.create("The old text", "replace-fails", true);
		Path file = data.resolve(note.filePath());
		refuseCommits();

		assertThatRuntimeException()
			.isThrownBy(() -> notes.update(note.id(), "The new text", true, NoteProperties.NONE));

		assertThat(file).hasContent("The old text");
		assertThat(temporaryFiles()).isEmpty();
	}

	@Test
	void aReplaceOfAMissingFileThatDoesNotCommitLeavesNoNewFile() throws Exception {
		Note note = notes.create("A note whose file was lost", "lost-file", true);
		Path file = data.resolve(note.filePath());
		Files.delete(file);
		refuseCommits();

		assertThatRuntimeException()
			.isThrownBy(() -> notes.update(note.id(), "Text for no row", true, NoteProperties.NONE));

		assertThat(file).doesNotExist();
	}

	@Test
	void aNewNoteThatDoesNotCommitLeavesNoFile() throws Exception {
		refuseCommits();

		assertThatRuntimeException().isThrownBy(() -> notes.create("A note never saved", "never-saved", true));

		assertThat(Sqlite.rows(database(), "SELECT id FROM notes WHERE slug = 'never-saved'")).isEmpty();
		try (Stream<Path> files = Files.walk(data.resolve("notes"))) {
			assertThat(files.filter((path) -> path.getFileName().toString().startsWith("never-saved"))).isEmpty();
		}
	}

	private static void refuseCommits() throws Exception {
		Sqlite.script(database(), "/failing-commits/refuse-note-commits.sql");
	}

	private static List<Path> temporaryFiles() throws Exception {
		try (Stream<Path> files = Files.walk(data.resolve("notes"))) {
			return files.filter((path) -> path.getFileName().toString().endsWith(".tmp")).toList();
		}
	}

	private static Path database() {
		return data.resolve("starpunk.db");
	}

}
