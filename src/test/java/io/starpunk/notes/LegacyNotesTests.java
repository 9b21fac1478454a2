package io.starpunk.notes;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import io.starpunk.support.LegacyFixtures;
import io.starpunk.support.RunningServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The notes StarPunk wrote, read back through the notes API and over HTTP after the
 * upgrade: the three public ones, newest first, with their text intact; the draft and the
 * deleted one not public.
 */
class LegacyNotesTests {

	@ParameterizedTest(name = "{0}")
	@FieldSource("io.starpunk.support.LegacyFixtures#UPGRADABLE")
	void starpunksNotesAreReadAsTheyWere(String fixture, @TempDir Path temp) throws Exception {
		Path dataPath = LegacyFixtures.copy(fixture, temp);
		try (RunningServer server = RunningServer.start(dataPath)) {
			NoteService noteService = server.context().getBean(NoteService.class);
			Notes notes = server.context().getBean(Notes.class);

			assertThat(notes.visible(null, 10)).extracting(Note::slug)
				.containsExactly("unicode-cafe", "a-note-with-a-link", "hello-world");
			for (Note note : notes.visible(null, 10)) {
				NoteText text = notes.text(note);
				assertThat(text.intact()).as(note.slug()).isTrue();
				assertThat(text.markdown()).isEqualTo(Files.readString(dataPath.resolve(note.filePath())));
			}
			assertThat(notes.text(notes.findBySlug("unicode-cafe").orElseThrow()).markdown())
				.isEqualTo("Café, naïve, 日本語, emoji 🎉 — all in one note.\n");
			assertThat(notes.findBySlug("draft-thoughts").orElseThrow().visible()).isFalse();
			assertThat(notes.findBySlug("deleted-note").orElseThrow().deleted()).isTrue();
			assertThat(notes.integrityProblems()).isZero();

			// STATES.md point 3, over HTTP: the three public notes are served, the others
			// not
			assertThat(server.get("/notes/hello-world").body()).contains("<strong>first</strong>");
			assertThat(server.get("/notes/a-note-with-a-link").body()).contains("href=\"https://indieweb.org/note\"");
			assertThat(server.get("/notes/unicode-cafe").statusCode()).isEqualTo(200);
			assertThat(server.get("/notes/draft-thoughts").statusCode()).isEqualTo(404);
			assertThat(server.get("/notes/deleted-note").statusCode()).isEqualTo(410);
		}
	}

}
