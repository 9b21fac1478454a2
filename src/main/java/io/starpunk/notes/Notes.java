package io.starpunk.notes;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.stereotype.Service;

import io.starpunk.config.Sha256;

/**
 * Reading notes: a note by id or slug, the public notes a page at a time, the owner's
 * lists and counts, what a note holds beside its text, and its text checked against its
 * content hash. A file that is missing or does not match its row is logged once and
 * counted for the health check ({@link #integrityProblems()}); the caller shows the note
 * as damaged. Changes go through {@link NoteService}.
 */
@Service
public class Notes {

	/** The most notes one page of {@link #visible} or {@link #list} returns. */
	public static final int MAX_PAGE = 200;

	private static final Log log = LogFactory.getLog(Notes.class);

	private final NoteRepository notes;

	private final NotePropertiesRepository properties;

	private final NoteFiles files;

	private final Tags tags;

	private final Set<Long> mismatched = ConcurrentHashMap.newKeySet();

	Notes(NoteRepository notes, NotePropertiesRepository properties, NoteFiles files, Tags tags) {
		this.notes = notes;
		this.properties = properties;
		this.files = files;
		this.tags = tags;
	}

	public Optional<Note> find(long id) {
		return this.notes.findById(id);
	}

	public Optional<Note> findBySlug(String slug) {
		return this.notes.findBySlug(slug);
	}

	/**
	 * Public notes, newest first.
	 * @param before where the previous page ended, or {@code null} for the newest
	 * @param limit how many (at most {@value #MAX_PAGE})
	 * @return the notes
	 */
	public List<Note> visible(NoteCursor before, int limit) {
		return this.notes.findVisible(before, Math.max(1, Math.min(limit, MAX_PAGE)));
	}

	/**
	 * Notes of one kind for the owner, drafts and deleted notes included as the filter
	 * asks, newest first.
	 * @param filter which notes
	 * @param offset how many to skip
	 * @param limit how many (at most {@value #MAX_PAGE})
	 * @return the notes
	 */
	public List<Note> list(NoteFilter filter, int offset, int limit) {
		return this.notes.findAll(filter, Math.max(0, offset), Math.max(1, Math.min(limit, MAX_PAGE)));
	}

	/** How many notes are published, drafts, and deleted. */
	public NoteCounts counts() {
		return this.notes.count();
	}

	/**
	 * What a note holds beside its text.
	 * @param note the note
	 * @return its properties, {@link NoteProperties#NONE} for a note of Markdown only
	 */
	public NoteProperties properties(Note note) {
		return this.properties.find(note.id());
	}

	/**
	 * What several notes hold beside their text, read at once (a page or a feed of
	 * notes).
	 * @param notes the notes
	 * @return each note's properties, {@link NoteProperties#NONE} for notes of Markdown
	 * only
	 */
	public Map<Long, NoteProperties> properties(List<Note> notes) {
		Map<Long, NoteProperties> found = this.properties.findAll(notes.stream().map(Note::id).toList());
		Map<Long, NoteProperties> all = new HashMap<>();
		notes.forEach((note) -> all.put(note.id(), found.getOrDefault(note.id(), NoteProperties.NONE)));
		return all;
	}

	/**
	 * The display spelling of every tag used by a note that is not deleted (drafts
	 * included), sorted.
	 * @return the tags
	 */
	public List<String> categories() {
		return this.tags.displayNamesInUse();
	}

	/**
	 * A note's Markdown, checked against its content hash. A file that is missing, cannot
	 * be read or does not match is logged (once) and counted for the health check, and
	 * its text is not intact (empty when there was nothing to read); the caller decides
	 * how to show it.
	 * @param note the note
	 * @return its text
	 */
	public NoteText text(Note note) {
		return text(note, this.properties.find(note.id()));
	}

	/**
	 * A note's text, as {@link #text(Note)}, when its properties are already known.
	 * @param note the note
	 * @param properties its properties
	 * @return its text
	 */
	public NoteText text(Note note, NoteProperties properties) {
		boolean html = properties.html();
		byte[] content;
		try {
			if (!this.files.exists(note.filePath())) {
				reportMismatch(note, "is missing");
				return new NoteText("", false, html);
			}
			content = this.files.read(note.filePath());
		}
		catch (UncheckedIOException | IllegalArgumentException ex) {
			// a folder where the file should be, a disk error, a path outside the notes
			// folder: this note is shown as damaged, every other note as it is
			reportMismatch(note, "could not be read (" + reason(ex) + ")");
			return new NoteText("", false, html);
		}
		boolean intact = note.contentHash() == null || note.contentHash().equalsIgnoreCase(Sha256.hex(content));
		if (!intact) {
			reportMismatch(note, "does not match its content hash");
		}
		return new NoteText(new String(content, StandardCharsets.UTF_8), intact, html);
	}

	/**
	 * How many notes were found whose file is missing, cannot be read, or does not match
	 * its row.
	 */
	public int integrityProblems() {
		return this.mismatched.size();
	}

	/**
	 * Forgets what was found wrong with a note's file: it was written anew, or the note
	 * is gone.
	 * @param id the note
	 */
	void forget(long id) {
		this.mismatched.remove(id);
	}

	private static String reason(RuntimeException ex) {
		Throwable cause = (ex instanceof UncheckedIOException) ? ex.getCause() : ex;
		return (cause.getMessage() != null) ? cause.getMessage() : cause.getClass().getSimpleName();
	}

	private void reportMismatch(Note note, String problem) {
		if (this.mismatched.add(note.id())) {
			log.warn("The file of note '" + note.slug() + "' (" + note.filePath() + ") " + problem
					+ "; it was changed outside StarPunk or damaged");
		}
	}

}
