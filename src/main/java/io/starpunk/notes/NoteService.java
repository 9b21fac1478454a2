package io.starpunk.notes;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.starpunk.config.Sha256;
import io.starpunk.config.StarpunkSettings;

/**
 * The one owner of notes. A note is a Markdown file and a {@code notes} row that never
 * disagree: each change writes the row and the file inside one database transaction, and
 * undoes the file when the transaction does not commit, so a failure at any step leaves
 * no orphan file and no orphan row.
 */
@Service
public class NoteService {

	/** The most notes one page of {@link #visible} returns. */
	public static final int MAX_PAGE = 200;

	private static final Log log = LogFactory.getLog(NoteService.class);

	private final NoteRepository notes;

	private final NotePropertiesRepository properties;

	private final MarkdownRenderer renderer;

	private final NoteFiles files;

	private final NoteSearch search;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	private final TagIndex tagIndex;

	private final Tags tags;

	private final boolean timestampSlugs;

	private final Set<Long> mismatched = ConcurrentHashMap.newKeySet();

	NoteService(NoteRepository notes, NotePropertiesRepository properties, MarkdownRenderer renderer, NoteFiles files,
			NoteSearch search, TransactionTemplate transactions, Clock clock, ApplicationEventPublisher events,
			StarpunkSettings settings, TagIndex tagIndex, Tags tags) {
		this.notes = notes;
		this.properties = properties;
		this.renderer = renderer;
		this.files = files;
		this.search = search;
		this.transactions = transactions;
		this.clock = clock;
		this.events = events;
		this.timestampSlugs = settings.timestampSlugs();
		this.tagIndex = tagIndex;
		this.tags = tags;
	}

	/**
	 * Creates a note of Markdown text and nothing else.
	 * @param markdown its text
	 * @param requestedSlug a custom slug, or {@code null} to derive one from the text
	 * @param published public, or a draft
	 * @return the note
	 * @throws InvalidNoteException for empty text or an unusable custom slug
	 */
	public Note create(String markdown, String requestedSlug, boolean published) {
		return create(new NewNote(markdown, requestedSlug, published, null, NoteProperties.NONE));
	}

	/**
	 * Creates a note with properties beside its text, as Micropub clients send them. HTML
	 * text is sanitised before it is written.
	 * @param draft the note
	 * @return the note
	 * @throws InvalidNoteException for empty text or an unusable custom slug
	 */
	public Note create(NewNote draft) {
		String text = text(draft.text(), draft.properties().html());
		byte[] content = content(text);
		String hash = Sha256.hex(content);
		Instant now = (draft.publishedAt() != null) ? draft.publishedAt() : this.clock.instant();
		if (!Note.datable(now)) {
			throw new InvalidNoteException("published",
					"A note's date must be in the years " + Note.FIRST_YEAR + " to " + Note.LAST_YEAR + " (UTC)");
		}
		String slugSource = draft.properties()
			.name()
			.orElse(new NoteText(text, true, draft.properties().html()).plain());
		String[] written = new String[1];
		try {
			return changed(this.transactions.execute((status) -> {
				String slug = chooseSlug(slugSource, draft.slug(), now);
				String filePath = filePath(slug, now);
				long id = this.notes.insert(slug, filePath, draft.published(), now, hash);
				this.properties.save(id, draft.properties());
				this.search.index(id, content, hash, draft.properties());
				this.tagIndex.index(id, draft.properties().categories());
				written[0] = filePath;
				this.files.write(filePath, content);
				return this.notes.findById(id).orElseThrow();
			}));
		}
		catch (RuntimeException ex) {
			if (written[0] != null && !this.notes.fileInUse(written[0])) {
				// the row was rolled back; the file must go with it (but a commit that
				// reported a failure may still have happened: then the file stays)
				this.files.delete(written[0]);
			}
			throw ex;
		}
	}

	/**
	 * Replaces a note's text and its published flag; the slug and the properties never
	 * change. The text is read as the note's text always was: HTML for a note a client
	 * sent as HTML, Markdown otherwise.
	 * @param id the note
	 * @param markdown the new text
	 * @param published public, or a draft
	 * @return the note as changed
	 */
	public Note update(long id, String markdown, boolean published) {
		return replace(id, markdown, published, null);
	}

	/**
	 * Replaces a note's text, its published flag and its tags (the owner's editor): the
	 * string categories become these, every other property stays.
	 * @param id the note
	 * @param markdown the new text
	 * @param published public, or a draft
	 * @param tags the tags, as typed
	 * @return the note as changed
	 * @throws InvalidNoteException for empty text, too many tags or one too long
	 */
	public Note update(long id, String markdown, boolean published, List<String> tags) {
		return update(id, markdown, published, tags, null);
	}

	/**
	 * Replaces a note's text, its published flag, its tags and its photos (the owner's
	 * editor): the string categories and the photos that can be shown become these, every
	 * other property stays.
	 * @param id the note
	 * @param markdown the new text
	 * @param published public, or a draft
	 * @param tags the tags, as typed
	 * @param photos the photos in order, or {@code null} to leave them as they are
	 * @return the note as changed
	 * @throws InvalidNoteException for empty text, too many tags or one too long
	 */
	public Note update(long id, String markdown, boolean published, List<String> tags,
			List<NoteProperties.Photo> photos) {
		Tags.check(tags);
		this.notes.findById(id).orElseThrow(() -> new NoteNotFoundException(id));
		NoteProperties changed = this.properties.find(id).withCategories(tags);
		return replace(id, markdown, published, (photos != null) ? changed.withPhotos(photos) : changed);
	}

	/**
	 * Replaces a note's text, published flag and properties together (a Micropub update);
	 * the slug stays.
	 * @param id the note
	 * @param text the new text, Markdown or HTML as {@code properties} says
	 * @param published public, or a draft
	 * @param properties the new properties, all of them
	 * @return the note as changed
	 */
	public Note revise(long id, String text, boolean published, NoteProperties properties) {
		return replace(id, text, published, properties);
	}

	private Note replace(long id, String markdown, boolean published, NoteProperties changedProperties) {
		Note note = this.notes.findById(id).orElseThrow(() -> new NoteNotFoundException(id));
		NoteProperties before = this.properties.find(id);
		boolean html = (changedProperties != null) ? changedProperties.html() : before.html();
		byte[] content = content(text(markdown, html));
		String hash = Sha256.hex(content);
		byte[] previous = this.files.exists(note.filePath()) ? this.files.read(note.filePath()) : null;
		boolean[] replaced = new boolean[1];
		Note changed;
		try {
			changed = changed(this.transactions.execute((status) -> {
				this.notes.updateContent(id, published, this.clock.instant(), hash);
				if (changedProperties != null) {
					this.properties.save(id, changedProperties);
					this.tagIndex.index(id, changedProperties.categories());
				}
				this.search.index(id, content, hash,
						(changedProperties != null) ? changedProperties : this.properties.find(id));
				replaced[0] = true;
				this.files.write(note.filePath(), content);
				this.mismatched.remove(id);
				return this.notes.findById(id).orElseThrow();
			}));
		}
		catch (RuntimeException ex) {
			if (replaced[0] && previous != null) {
				this.files.write(note.filePath(), previous);
			}
			throw ex;
		}
		if (changedProperties != null) {
			Set<String> kept = photoUrls(changedProperties);
			released(photoUrls(before).stream().filter((url) -> !kept.contains(url)).toList());
		}
		return changed;
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

	/** Soft delete: the note stays, answered as gone, and can be restored. */
	public Note delete(long id) {
		return setDeletedAt(id, this.clock.instant());
	}

	public Note restore(long id) {
		return setDeletedAt(id, null);
	}

	/** Hard delete: the row and the file are removed for good. */
	public void purge(long id) {
		Note note = this.notes.findById(id).orElseThrow(() -> new NoteNotFoundException(id));
		Set<String> photos = photoUrls(this.properties.find(id));
		this.transactions.executeWithoutResult((status) -> {
			this.tagIndex.index(id, List.of());
			this.properties.delete(id);
			this.notes.delete(id);
			this.files.delete(note.filePath());
		});
		this.mismatched.remove(id);
		this.events.publishEvent(new NotesChanged(this.clock.instant()));
		released(List.copyOf(photos));
	}

	private static Set<String> photoUrls(NoteProperties properties) {
		Set<String> urls = new LinkedHashSet<>();
		properties.photos().forEach((photo) -> urls.add(photo.url()));
		return urls;
	}

	private void released(List<String> urls) {
		if (!urls.isEmpty()) {
			this.events.publishEvent(new PhotosReleased(urls));
		}
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
		NoteRepository.Cursor cursor = (before != null) ? new NoteRepository.Cursor(before.createdAt(), before.id())
				: null;
		return this.notes.findVisible(cursor, Math.max(1, Math.min(limit, MAX_PAGE)));
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
	 * A note's Markdown, checked against its content hash. A file that does not match is
	 * logged (once) and counted for the health check; the caller decides how to show it.
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
		if (!this.files.exists(note.filePath())) {
			reportMismatch(note, "is missing");
			return new NoteText("", false, html);
		}
		byte[] content = this.files.read(note.filePath());
		boolean intact = note.contentHash() == null || note.contentHash().equalsIgnoreCase(Sha256.hex(content));
		if (!intact) {
			reportMismatch(note, "does not match its content hash");
		}
		return new NoteText(new String(content, StandardCharsets.UTF_8), intact, html);
	}

	/** How many notes were found whose file is missing or does not match its row. */
	public int integrityProblems() {
		return this.mismatched.size();
	}

	private Note setDeletedAt(long id, Instant deletedAt) {
		return changed(this.transactions.execute((status) -> {
			this.notes.findById(id).orElseThrow(() -> new NoteNotFoundException(id));
			this.notes.setDeletedAt(id, deletedAt);
			return this.notes.findById(id).orElseThrow();
		}));
	}

	/** Tells listeners, once the transaction has committed. */
	private Note changed(Note note) {
		this.events.publishEvent(new NotesChanged(this.clock.instant()));
		return note;
	}

	private String chooseSlug(String source, String requested, Instant now) {
		String base;
		if (requested != null && !requested.isBlank()) {
			try {
				base = Slugs.sanitiseCustom(requested);
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidNoteException("slug", ex.getMessage());
			}
			if (Slugs.isReserved(base)) {
				throw new InvalidNoteException("slug", "'" + base + "' is reserved for the site's own pages");
			}
		}
		else if (this.timestampSlugs) {
			return Slugs.unique(Slugs.fromCreation(now), (candidate) -> taken(candidate, now), 1);
		}
		else {
			base = Slugs.fromContent(source, now);
			if (Slugs.isReserved(base)) {
				base = base + "-note";
			}
		}
		return Slugs.unique(base, (candidate) -> taken(candidate, now));
	}

	private boolean taken(String slug, Instant now) {
		return this.notes.slugTaken(slug) || this.files.exists(filePath(slug, now));
	}

	private static String filePath(String slug, Instant now) {
		ZonedDateTime utc = now.atZone(ZoneOffset.UTC);
		return "notes/%04d/%02d/%s.md".formatted(utc.getYear(), utc.getMonthValue(), slug);
	}

	private String text(String text, boolean html) {
		return (html && text != null) ? this.renderer.sanitiseHtml(text) : text;
	}

	private static byte[] content(String markdown) {
		if (markdown == null || markdown.isBlank()) {
			throw new InvalidNoteException("content", "A note needs some text");
		}
		return markdown.replace("\r\n", "\n").replace('\r', '\n').getBytes(StandardCharsets.UTF_8);
	}

	private void reportMismatch(Note note, String problem) {
		if (this.mismatched.add(note.id())) {
			log.warn("The file of note '" + note.slug() + "' (" + note.filePath() + ") " + problem
					+ "; it was changed outside StarPunk or damaged");
		}
	}

}
