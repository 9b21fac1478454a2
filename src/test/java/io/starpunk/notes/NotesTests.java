package io.starpunk.notes;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.starpunk.config.StarpunkSettings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reading notes back, with their files checked against their rows, on a real SQLite
 * database and real files.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@ExtendWith(OutputCaptureExtension.class)
class NotesTests {

	@TempDir
	static Path dataPath;

	@DynamicPropertySource
	static void dataPath(DynamicPropertyRegistry registry) {
		registry.add("DATA_PATH", () -> dataPath.toString());
	}

	@Autowired
	NoteService noteService;

	@Autowired
	NoteRepository repository;

	@Autowired
	NotePropertiesRepository properties;

	@Autowired
	Tags tags;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	StarpunkSettings settings;

	/** A reader of its own, so that each test counts its own problems. */
	Notes notes;

	@BeforeEach
	void emptyNotes() throws java.io.IOException {
		this.jdbc.sql("DELETE FROM notes").update();
		org.springframework.util.FileSystemUtils.deleteRecursively(dataPath.resolve("notes"));
		this.notes = new Notes(this.repository, this.properties, new NoteFiles(this.settings), this.tags);
	}

	@Test
	void aFileChangedBehindOurBackIsReportedNotServedAsFine(CapturedOutput output) throws Exception {
		Note note = this.noteService.create("Trust me", null, true);
		Files.writeString(dataPath.resolve(note.filePath()), "Tampered");

		NoteText text = this.notes.text(note);
		this.notes.text(note);

		assertThat(text.intact()).isFalse();
		assertThat(this.notes.integrityProblems()).isEqualTo(1);
		assertThat(output).containsOnlyOnce("The file of note 'trust-me' (" + note.filePath() + ") does not match");
	}

	@Test
	void aMissingFileIsAnEmptyDamagedText(CapturedOutput output) throws Exception {
		Note note = this.noteService.create("Soon gone", null, true);
		Files.delete(dataPath.resolve(note.filePath()));

		assertThat(this.notes.text(note)).isEqualTo(new NoteText("", false, false));
		assertThat(this.notes.integrityProblems()).isEqualTo(1);
		assertThat(output).containsOnlyOnce("The file of note 'soon-gone' (" + note.filePath() + ") is missing");
	}

	@Test
	void aFileThatCannotBeReadIsAnEmptyDamagedTextAndCostsThatNoteOnly(CapturedOutput output) throws Exception {
		Note fine = this.noteService.create("Still fine", null, true);
		Note note = this.noteService.create("Soon unreadable", null, true);
		Path file = dataPath.resolve(note.filePath());
		Files.delete(file);
		Files.createDirectory(file);

		assertThat(this.notes.text(note)).isEqualTo(new NoteText("", false, false));
		assertThat(this.notes.text(note)).isEqualTo(new NoteText("", false, false));
		assertThat(this.notes.text(fine)).isEqualTo(new NoteText("Still fine", true, false));
		assertThat(this.notes.integrityProblems()).isEqualTo(1);
		assertThat(output)
			.containsOnlyOnce("The file of note 'soon-unreadable' (" + note.filePath() + ") could not be read");
	}

}
