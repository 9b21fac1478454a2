package io.starpunk.notes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import io.starpunk.config.StarpunkSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Notes on a real SQLite database (through the real migrations) and real files.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class NoteServiceTests {

	@TempDir
	static Path dataPath;

	private static final Instant NOW = Instant.parse("2026-11-24T18:35:12Z");

	@DynamicPropertySource
	static void dataPath(DynamicPropertyRegistry registry) {
		registry.add("DATA_PATH", () -> dataPath.toString());
	}

	@Autowired
	NoteRepository repository;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	NotePropertiesRepository properties;

	@Autowired
	MarkdownRenderer renderer;

	@Autowired
	NoteSearch search;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	StarpunkSettings settings;

	@Autowired
	TagIndex tagIndex;

	@Autowired
	Tags tags;

	final List<NotesChanged> changes = new java.util.concurrent.CopyOnWriteArrayList<>();

	Notes reads;

	NoteService notes;

	@BeforeEach
	void emptyNotes() throws IOException {
		this.jdbc.sql("DELETE FROM notes").update();
		this.changes.clear();
		org.springframework.util.FileSystemUtils.deleteRecursively(dataPath.resolve("notes"));
		this.reads = new Notes(this.repository, this.properties, new NoteFiles(this.settings), this.tags);
		this.notes = service(new NoteFiles(this.settings), NOW);
	}

	@Test
	void aNoteIsAFileAndARowThatAgree() throws Exception {
		Note note = this.notes.create("Hello *world*, this is my first note\r\non the JVM", null, true);

		assertThat(note.slug()).isEqualTo("hello-world-this-is-my");
		assertThat(note.filePath()).isEqualTo("notes/2026/11/hello-world-this-is-my.md");
		byte[] file = Files.readAllBytes(dataPath.resolve(note.filePath()));
		assertThat(new String(file, StandardCharsets.UTF_8))
			.isEqualTo("Hello *world*, this is my first note\non the JVM");
		assertThat(note.contentHash()).isEqualTo(io.starpunk.config.Sha256.hex(file));
		assertThat(note.createdAt()).isEqualTo(NOW);
		assertThat(note.published()).isTrue();
		assertThat(this.reads.text(note))
			.isEqualTo(new NoteText("Hello *world*, this is my first note\non the JVM", true, false));
	}

	@Test
	void slugsCollideIntoSuffixesAndCustomSlugsAreChecked() {
		assertThat(this.notes.create("Same words", null, true).slug()).isEqualTo("same-words");
		assertThat(this.notes.create("Same words", null, true).slug()).isEqualTo("same-words-2");
		assertThat(this.notes.create("Other", "Same Words", true).slug()).isEqualTo("same-words-3");
		assertThat(this.notes.create("Other", "My Custom Slug!", false).slug()).isEqualTo("my-custom-slug");
		InvalidNoteException reserved = (InvalidNoteException) catchThrowable(
				() -> this.notes.create("text", "admin", true));
		assertThat(reserved.field()).isEqualTo("slug");
		assertThat(reserved).hasMessageContaining("reserved");
		assertThatExceptionOfType(InvalidNoteException.class).isThrownBy(() -> this.notes.create("  \n", null, true));
	}

	@Test
	void timestampSlugsNameTheCreationSecondCountFromOneAndLetACustomSlugWin() {
		NoteService timestamped = service(new NoteFiles(this.settings), NOW, timestampSlugs());
		Note first = timestamped.create("Same words", null, true);
		assertThat(first.slug()).isEqualTo("20261124183512");
		assertThat(first.filePath()).isEqualTo("notes/2026/11/20261124183512.md");
		assertThat(timestamped.create("Same words", null, true).slug()).isEqualTo("20261124183512-1");
		assertThat(timestamped.create("Other words", null, false).slug()).isEqualTo("20261124183512-2");
		assertThat(timestamped.create("Other", "My Custom Slug!", true).slug()).isEqualTo("my-custom-slug");
		Instant published = Instant.parse("2025-11-18T12:00:00.750Z");
		assertThat(timestamped.create(new NewNote("Dated", null, true, published, NoteProperties.NONE)).slug())
			.as("a note dated by its client is named after that date")
			.isEqualTo("20251118120000");
		assertThat(timestamped.update(first.id(), "New text", true, NoteProperties.NONE).slug())
			.isEqualTo("20261124183512");
	}

	@Test
	void aFailedFileWriteLeavesNoRowAndNoFile() throws Exception {
		NoteService failing = service(new FailingFiles(this.settings, "move"), NOW);

		assertThatExceptionOfType(RuntimeException.class)
			.isThrownBy(() -> failing.create("This write dies halfway", null, true));

		assertThat(this.jdbc.sql("SELECT count(*) FROM notes").query(Integer.class).single()).isZero();
		assertThat(filesUnder(dataPath.resolve("notes"))).isEmpty();
		assertThat(this.changes).as("nothing changed, nothing announced").isEmpty();
	}

	@Test
	void aFailureAfterTheFileWasWrittenRemovesTheFile() throws Exception {
		NoteService failing = service(new FailingFiles(this.settings, "after-move"), NOW);

		assertThatExceptionOfType(RuntimeException.class)
			.isThrownBy(() -> failing.create("This one dies after the rename", null, true));

		assertThat(this.jdbc.sql("SELECT count(*) FROM notes").query(Integer.class).single()).isZero();
		assertThat(filesUnder(dataPath.resolve("notes"))).isEmpty();
	}

	@Test
	void aFailedUpdateKeepsTheOldTextAndRow() throws Exception {
		Note note = this.notes.create("The original text", null, true);
		NoteService failing = service(new FailingFiles(this.settings, "sync"), NOW.plusSeconds(60));

		assertThatExceptionOfType(RuntimeException.class)
			.isThrownBy(() -> failing.update(note.id(), "The new text", false, NoteProperties.NONE));

		assertThat(this.reads.find(note.id())).contains(note);
		assertThat(this.reads.text(note)).isEqualTo(new NoteText("The original text", true, false));
		assertThat(filesUnder(dataPath.resolve("notes"))).containsExactly(dataPath.resolve(note.filePath()));
	}

	@Test
	void updatesKeepTheSlugAndRecordTheTime() {
		Note note = this.notes.create("First version", null, true);
		Note updated = service(new NoteFiles(this.settings), NOW.plusSeconds(90)).update(note.id(), "Second version",
				false, NoteProperties.NONE);
		assertThat(updated.slug()).isEqualTo(note.slug());
		assertThat(updated.published()).isFalse();
		assertThat(updated.updatedAt()).isEqualTo(NOW.plusSeconds(90));
		assertThat(updated.edited()).isTrue();
		assertThat(this.reads.text(updated)).isEqualTo(new NoteText("Second version", true, false));
	}

	@Test
	void softDeleteRestoreAndPurge() {
		Note note = this.notes.create("Short-lived", null, true);
		assertThat(this.notes.delete(note.id()).deletedAt()).isEqualTo(NOW);
		assertThat(this.reads.visible(null, 10)).isEmpty();
		assertThat(this.notes.restore(note.id()).deleted()).isFalse();
		assertThat(this.reads.visible(null, 10)).extracting(Note::slug).containsExactly("short-lived");
		this.notes.purge(note.id());
		assertThat(this.changes).as("create, delete, restore, purge").hasSize(4);
		assertThat(this.reads.find(note.id())).isEmpty();
		assertThat(dataPath.resolve(note.filePath())).doesNotExist();
		assertThatExceptionOfType(NoteNotFoundException.class).isThrownBy(() -> this.notes.delete(note.id()));
	}

	@Test
	void visibleNotesComeNewestFirstInStablePagesWithoutDrafts() {
		for (int i = 1; i <= 5; i++) {
			service(new NoteFiles(this.settings), NOW.plusSeconds(i)).create("Note number " + i, null, i != 3);
		}
		// two notes in the same second: the id breaks the tie
		service(new NoteFiles(this.settings), NOW.plusSeconds(5)).create("Note number 6", null, true);

		List<Note> first = this.reads.visible(null, 2);
		assertThat(first).extracting(Note::slug).containsExactly("note-number-6", "note-number-5");
		List<Note> second = this.reads.visible(NoteCursor.after(first.get(1)), 2);
		assertThat(second).extracting(Note::slug).containsExactly("note-number-4", "note-number-2");
		List<Note> third = this.reads.visible(NoteCursor.after(second.get(1)), 2);
		assertThat(third).extracting(Note::slug).containsExactly("note-number-1");
	}

	@Test
	void theOwnersListFiltersByKindNewestFirstAPageAtATime() {
		for (int i = 1; i <= 6; i++) {
			service(new NoteFiles(this.settings), NOW.plusSeconds(i)).create("Listed note " + i, null, i % 2 == 0);
		}
		// same second as note 6: the id breaks the tie
		Note last = service(new NoteFiles(this.settings), NOW.plusSeconds(6)).create("Listed note 7", null, true);
		Note gone = this.reads.findBySlug("listed-note-2").orElseThrow();
		this.notes.delete(gone.id());
		this.notes.delete(this.reads.findBySlug("listed-note-3").orElseThrow().id());

		assertThat(this.reads.list(NoteFilter.ALL, 0, 10)).extracting(Note::slug)
			.containsExactly(last.slug(), "listed-note-6", "listed-note-5", "listed-note-4", "listed-note-1");
		assertThat(this.reads.list(NoteFilter.PUBLISHED, 0, 10)).extracting(Note::slug)
			.containsExactly("listed-note-7", "listed-note-6", "listed-note-4");
		assertThat(this.reads.list(NoteFilter.DRAFT, 0, 10)).extracting(Note::slug)
			.containsExactly("listed-note-5", "listed-note-1");
		assertThat(this.reads.list(NoteFilter.DELETED, 0, 10)).extracting(Note::slug)
			.containsExactly("listed-note-3", "listed-note-2");
		assertThat(this.reads.list(NoteFilter.ALL, 1, 2)).extracting(Note::slug)
			.containsExactly("listed-note-6", "listed-note-5");
		assertThat(this.reads.list(NoteFilter.ALL, 4, 2)).extracting(Note::slug).containsExactly("listed-note-1");
		assertThat(this.reads.list(NoteFilter.ALL, 5, 2)).isEmpty();
		assertThat(this.reads.counts()).isEqualTo(new NoteCounts(3, 2, 2));
	}

	@Test
	void countsAreZeroWithoutNotes() {
		assertThat(this.reads.counts()).isEqualTo(new NoteCounts(0, 0, 0));
		assertThat(this.reads.list(NoteFilter.ALL, 0, 25)).isEmpty();
	}

	@Test
	void propertiesAreKeptBesideTheTextAndGoWithTheNote() {
		Map<String, List<Object>> given = new LinkedHashMap<>();
		given.put("name", List.of("A trip"));
		given.put("category", List.of("travel", "indieweb"));
		given.put("photo", List.of(Map.of("value", "https://example.com/a.jpg", "alt", "A lake"), "javascript:alert(1)",
				"https://example.com/b.jpg"));
		given.put("checkin", List.of(Map.of("type", List.of("h-card"), "properties",
				Map.of("name", List.of("Cafe"), "latitude", List.of("45.5")))));
		Instant published = Instant.parse("2025-01-02T03:04:05Z");

		Note note = this.notes
			.create(new NewNote("Went **out**", null, true, published, new NoteProperties(given, false)));

		assertThat(note.slug()).isEqualTo("a-trip");
		assertThat(note.createdAt()).isEqualTo(published);
		assertThat(note.filePath()).isEqualTo("notes/2025/01/a-trip.md");
		NoteProperties stored = this.reads.properties(note);
		assertThat(stored.values()).isEqualTo(given);
		assertThat(stored.name()).contains("A trip");
		assertThat(stored.categories()).containsExactly("travel", "indieweb");
		assertThat(stored.photos()).containsExactly(new NoteProperties.Photo("https://example.com/a.jpg", "A lake"),
				new NoteProperties.Photo("https://example.com/b.jpg", null));
		assertThat(this.reads.categories()).containsExactly("indieweb", "travel");
		assertThat(stored.checkin()).contains(new NoteProperties.Place("Cafe", null));
		Note plain = this.notes.create("Just text", null, true);
		assertThat(this.reads.properties(List.of(note, plain))).as("read for a page at once")
			.containsEntry(note.id(), stored)
			.containsEntry(plain.id(), NoteProperties.NONE);
		assertThat(this.reads.properties(List.of())).isEmpty();

		this.notes.update(note.id(), "Went out again", true,
				new NoteProperties(Map.of("category", List.of("home")), false));
		assertThat(this.reads.properties(note).values()).containsOnlyKeys("category");
		assertThat(this.reads.text(note).markdown()).isEqualTo("Went out again");
		assertThat(this.reads.categories()).containsExactly("home");

		this.notes.delete(note.id());
		assertThat(this.reads.categories()).as("a deleted note's categories are not offered").isEmpty();

		this.notes.purge(note.id());
		assertThat(this.jdbc.sql("SELECT count(*) FROM note_properties").query(Integer.class).single()).isZero();
	}

	@Test
	void htmlTextIsSanitisedBeforeItIsWrittenAndReadBackAsHtml() throws Exception {
		Note note = this.notes.create(new NewNote("<p>Some <b>bold</b><script>alert(1)</script></p>", null, true, null,
				new NoteProperties(Map.of(), true)));

		String file = Files.readString(dataPath.resolve(note.filePath()));
		assertThat(file).contains("<b>bold</b>").doesNotContain("script");
		NoteText text = this.reads.text(note);
		assertThat(text.html()).isTrue();
		assertThat(text.plain()).isEqualTo("Some bold");
		assertThat(note.slug()).isEqualTo("some-bold");
		assertThat(this.renderer.render(text)).isEqualTo(file);

		this.notes.update(note.id(), "<p>Edited <i>here</i><img src=x onerror=alert(1)></p>", true,
				this.reads.properties(note));
		assertThat(Files.readString(dataPath.resolve(note.filePath()))).contains("<i>here</i>")
			.doesNotContain("onerror");
	}

	@Test
	void htmlThatSanitisesToNothingIsRefusedAndNothingIsWritten() throws Exception {
		assertThatExceptionOfType(InvalidNoteException.class).isThrownBy(() -> this.notes
			.create(new NewNote("<script>alert(1)</script>", null, true, null, new NoteProperties(Map.of(), true))));
		assertThat(filesUnder(dataPath.resolve("notes"))).isEmpty();
		assertThat(this.jdbc.sql("SELECT count(*) FROM notes").query(Integer.class).single()).isZero();
	}

	@Test
	void aFailedWriteLeavesNeitherTheNoteNorItsProperties() throws Exception {
		NoteFiles failing = new NoteFiles(this.settings) {

			@Override
			void write(String relativePath, byte[] content) {
				throw new IllegalStateException("disk full");
			}

		};
		NoteService failingNotes = service(failing, NOW);
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> failingNotes.create(
				new NewNote("Lost", null, true, null, new NoteProperties(Map.of("category", List.of("x")), false))));
		assertThat(this.jdbc.sql("SELECT count(*) FROM note_properties").query(Integer.class).single()).isZero();
		assertThat(this.jdbc.sql("SELECT count(*) FROM notes").query(Integer.class).single()).isZero();
	}

	private NoteService service(NoteFiles files, Instant now) {
		return service(files, now, this.settings);
	}

	private NoteService service(NoteFiles files, Instant now, StarpunkSettings settings) {
		return new NoteService(this.repository, this.properties, this.renderer, files, this.search, this.transactions,
				Clock.fixed(now, ZoneOffset.UTC), (event) -> {
					if (event instanceof NotesChanged changed) {
						this.changes.add(changed);
					}
				}, this.tagIndex, new SlugChoice(this.repository, files, settings), this.reads);
	}

	/** The test's settings with {@code SLUG_STYLE=timestamp}. */
	private StarpunkSettings timestampSlugs() {
		StarpunkSettings s = this.settings;
		return new StarpunkSettings(s.siteUrl(), s.siteName(), s.siteAuthor(), s.siteDescription(), s.adminMe(),
				s.dataPath(), s.port(), s.logLevel(), s.databaseBusyTimeout(), s.feedMaxItems(), s.feedCacheSeconds(),
				s.authorPhoto(), s.relMe(), s.signIn(), s.authorEmail(), s.micropub(), "timestamp", s.indieauthPkce(),
				null, null, null, null);
	}

	private static List<Path> filesUnder(Path directory) throws IOException {
		if (!Files.exists(directory)) {
			return List.of();
		}
		try (Stream<Path> files = Files.walk(directory)) {
			return files.filter(Files::isRegularFile).toList();
		}
	}

	/**
	 * Real files, with one step of the atomic write failing as a full disk or a crash
	 * would.
	 */
	static class FailingFiles extends NoteFiles {

		private final String step;

		FailingFiles(StarpunkSettings settings, String step) {
			super(settings);
			this.step = step;
		}

		@Override
		void writeAndSync(Path file, byte[] content) throws IOException {
			if (this.step.equals("sync")) {
				Files.write(file, content, java.nio.file.StandardOpenOption.TRUNCATE_EXISTING);
				throw new IOException("No space left on device (injected)");
			}
			super.writeAndSync(file, content);
		}

		@Override
		void move(Path from, Path to) throws IOException {
			if (this.step.equals("move")) {
				throw new IOException("Input/output error (injected)");
			}
			super.move(from, to);
			if (this.step.equals("after-move")) {
				throw new IOException("Process killed after the rename (injected)");
			}
		}

	}

}
