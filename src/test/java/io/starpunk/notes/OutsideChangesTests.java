package io.starpunk.notes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sweep that finds note files edited by hand where no file watcher is told: what it
 * sees changes with an edit, an addition or a removal, and not with a temporary file.
 */
class OutsideChangesTests {

	@TempDir
	Path notes;

	@Test
	void theSweepSeesAnEditAnAdditionAndARemovalButNotATemporaryFile() throws Exception {
		Path month = Files.createDirectories(this.notes.resolve("2026/12"));
		Path note = Files.writeString(month.resolve("a-note.md"), "First text");
		Files.setLastModifiedTime(note, FileTime.from(Instant.parse("2026-12-01T10:00:00Z")));
		OutsideChanges.FilesState before = OutsideChanges.FilesState.of(this.notes);
		assertThat(before.files()).isEqualTo(1);
		assertThat(OutsideChanges.FilesState.of(this.notes)).isEqualTo(before);

		Files.writeString(month.resolve(".a-note.md.123.tmp"), "half written");
		assertThat(OutsideChanges.FilesState.of(this.notes)).as("a temporary file").isEqualTo(before);

		Files.writeString(note, "Edited text");
		Files.setLastModifiedTime(note, FileTime.from(Instant.parse("2026-12-01T10:00:00Z")));
		assertThat(OutsideChanges.FilesState.of(this.notes)).as("same time, new size").isNotEqualTo(before);

		Files.writeString(note, "First text");
		Files.setLastModifiedTime(note, FileTime.from(Instant.parse("2026-12-01T10:05:00Z")));
		assertThat(OutsideChanges.FilesState.of(this.notes)).as("same size, new time").isNotEqualTo(before);

		Files.setLastModifiedTime(note, FileTime.from(Instant.parse("2026-12-01T10:00:00Z")));
		Files.writeString(month.resolve("another.md"), "More");
		OutsideChanges.FilesState added = OutsideChanges.FilesState.of(this.notes);
		assertThat(added.files()).isEqualTo(2);
		Files.delete(month.resolve("another.md"));
		assertThat(OutsideChanges.FilesState.of(this.notes)).as("removed again").isEqualTo(before);
	}

	@Test
	void aMissingNotesFolderIsEmpty() {
		assertThat(OutsideChanges.FilesState.of(this.notes.resolve("missing")))
			.isEqualTo(new OutsideChanges.FilesState(0, 0, 0));
	}

}
