package io.starpunk.notes;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.starpunk.config.AfterTransaction;
import io.starpunk.config.Sha256;

/**
 * Changes to notes: create, update, delete, restore, purge. A note is a Markdown file and
 * a {@code notes} row that never disagree: each change writes the row and the file inside
 * one database transaction, and undoes the file when the transaction does not commit (a
 * file is deleted only after its row's deletion committed), so a failure at any step, the
 * commit included, leaves no orphan file and no orphan row. Listeners hear of each change
 * ({@link NotesChanged}) after it committed. Reads go through {@link Notes}.
 */
@Service
public class NoteService {

	private final NoteRepository notes;

	private final NotePropertiesRepository properties;

	private final MarkdownRenderer renderer;

	private final NoteFiles files;

	private final NoteSearch search;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	private final TagIndex tagIndex;

	private final SlugChoice slugs;

	private final Notes reads;

	NoteService(NoteRepository notes, NotePropertiesRepository properties, MarkdownRenderer renderer, NoteFiles files,
			NoteSearch search, TransactionTemplate transactions, Clock clock, ApplicationEventPublisher events,
			TagIndex tagIndex, SlugChoice slugs, Notes reads) {
		this.notes = notes;
		this.properties = properties;
		this.renderer = renderer;
		this.files = files;
		this.search = search;
		this.transactions = transactions;
		this.clock = clock;
		this.events = events;
		this.tagIndex = tagIndex;
		this.slugs = slugs;
		this.reads = reads;
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
		return create(draft, List.of());
	}

	/**
	 * Creates a note and asks for it to be syndicated.
	 * @param draft the note
	 * @param syndicateTo the uids of the syndication targets chosen, or none
	 * @return the note
	 * @throws InvalidNoteException for empty text or an unusable custom slug
	 */
	public Note create(NewNote draft, List<String> syndicateTo) {
		String text = text(draft.text(), draft.properties().html());
		byte[] content = content(text, draft.properties());
		String hash = Sha256.hex(content);
		Instant now = (draft.publishedAt() != null) ? draft.publishedAt() : this.clock.instant();
		if (!Note.datable(now)) {
			throw new InvalidNoteException("published",
					"A note's date must be in the years " + Note.FIRST_YEAR + " to " + Note.LAST_YEAR + " (UTC)");
		}
		String plain = new NoteText((text != null) ? text : "", true, draft.properties().html()).plain();
		String slugSource = draft.properties()
			.name()
			.orElse((plain.isBlank() && draft.properties().responseSummary() != null)
					? draft.properties().responseSummary() : plain);
		return changed(this.transactions.execute((status) -> {
			String slug = this.slugs.choose(slugSource, draft.slug(), now);
			String filePath = NoteFiles.filePath(slug, now);
			long id = this.notes.insert(slug, filePath, draft.published(), now, hash);
			this.properties.save(id, draft.properties());
			this.search.index(id, content, hash, draft.properties());
			this.tagIndex.index(id, draft.properties().categories());
			// the row did not commit: its file goes with it
			AfterTransaction.onRollback("remove the file " + filePath + " of a note that was not saved",
					() -> this.files.delete(filePath));
			this.files.write(filePath, content);
			this.events.publishEvent(new NoteWritten(id, NoteWritten.Change.CREATED, now, syndicateTo));
			return this.notes.findById(id).orElseThrow();
		}));
	}

	/**
	 * Replaces a note's text, published flag and properties together; the slug stays. The
	 * owner's editor passes the note's properties with its tags and photos changed, a
	 * Micropub update the properties it worked out. Photos the note no longer shows are
	 * announced ({@link PhotosReleased}) once the change committed.
	 * @param id the note
	 * @param text the new text, Markdown or HTML as {@code properties} says
	 * @param published public, or a draft
	 * @param properties the new properties, all of them
	 * @return the note as changed
	 * @throws NoteNotFoundException when there is no such note
	 * @throws InvalidNoteException for empty text
	 */
	public Note update(long id, String text, boolean published, NoteProperties properties) {
		return update(id, text, published, properties, List.of());
	}

	/**
	 * Replaces a note's text, published flag and properties, and asks for it to be
	 * syndicated.
	 * @param id the note
	 * @param text the new text
	 * @param published public, or a draft
	 * @param properties the new properties, all of them
	 * @param syndicateTo the uids of the syndication targets chosen, or none
	 * @return the note as changed
	 * @throws NoteNotFoundException when there is no such note
	 * @throws InvalidNoteException for empty text
	 */
	public Note update(long id, String text, boolean published, NoteProperties properties, List<String> syndicateTo) {
		Note note = this.notes.findById(id).orElseThrow(() -> new NoteNotFoundException(id));
		NoteProperties before = this.properties.find(id);
		byte[] content = content(text(text, properties.html()), properties);
		String hash = Sha256.hex(content);
		byte[] previous = this.files.exists(note.filePath()) ? this.files.read(note.filePath()) : null;
		Note changed = changed(this.transactions.execute((status) -> {
			this.notes.updateContent(id, published, this.clock.instant(), hash);
			this.properties.save(id, properties);
			this.tagIndex.index(id, properties.categories());
			this.search.index(id, content, hash, properties);
			// the row did not commit: the file is put back as it was, or removed when
			// there was none
			AfterTransaction.onRollback("put back the file " + note.filePath() + " of a note that was not saved",
					() -> {
						if (previous != null) {
							this.files.write(note.filePath(), previous);
						}
						else {
							this.files.delete(note.filePath());
						}
						this.reads.forget(id);
					});
			this.files.write(note.filePath(), content);
			this.reads.forget(id);
			Note written = this.notes.findById(id).orElseThrow();
			this.events.publishEvent(new NoteWritten(id, NoteWritten.Change.UPDATED, written.createdAt(), syndicateTo));
			return written;
		}));
		Set<String> kept = photoUrls(properties);
		released(photoUrls(before).stream().filter((url) -> !kept.contains(url)).toList());
		return changed;
	}

	/**
	 * Adds a URL where the note was syndicated (a copy on another site) to its
	 * {@code syndication} property, once. Written in the caller's transaction when there
	 * is one (a syndication job's completion); it is not a change of the note's own, so
	 * no {@link NoteWritten} is published (which would syndicate again), only
	 * {@link NotesChanged} once it committed, for the pages to show it.
	 * @param id the note
	 * @param url the copy's URL
	 * @return whether it was added (not there yet, and the note exists)
	 */
	public boolean addSyndication(long id, String url) {
		Boolean added = this.transactions.execute((status) -> {
			if (this.notes.findById(id).isEmpty()) {
				return false;
			}
			NoteProperties current = this.properties.find(id);
			List<Object> urls = new java.util.ArrayList<>(current.values().getOrDefault("syndication", List.of()));
			if (urls.contains(url)) {
				return false;
			}
			urls.add(url);
			java.util.Map<String, List<Object>> values = new java.util.LinkedHashMap<>(current.values());
			values.put("syndication", urls);
			this.properties.save(id, new NoteProperties(values, current.html()));
			AfterTransaction.onCommit("announce the syndication of note " + id,
					() -> this.events.publishEvent(new NotesChanged(this.clock.instant())));
			return true;
		});
		return Boolean.TRUE.equals(added);
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
			this.events.publishEvent(new NoteWritten(id, NoteWritten.Change.PURGED, note.createdAt(), List.of()));
			// only once the row is gone for good: a deletion that does not commit leaves
			// the note whole
			AfterTransaction.onCommit("delete the file " + note.filePath() + " of a purged note",
					() -> this.files.delete(note.filePath()));
		});
		this.reads.forget(id);
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

	private Note setDeletedAt(long id, Instant deletedAt) {
		return changed(this.transactions.execute((status) -> {
			this.notes.findById(id).orElseThrow(() -> new NoteNotFoundException(id));
			this.notes.setDeletedAt(id, deletedAt);
			Note written = this.notes.findById(id).orElseThrow();
			this.events.publishEvent(
					new NoteWritten(id, (deletedAt != null) ? NoteWritten.Change.DELETED : NoteWritten.Change.RESTORED,
							written.createdAt(), List.of()));
			return written;
		}));
	}

	/** Tells listeners, once the transaction has committed. */
	private Note changed(Note note) {
		this.events.publishEvent(new NotesChanged(this.clock.instant()));
		return note;
	}

	private String text(String text, boolean html) {
		return (html && text != null) ? this.renderer.sanitiseHtml(text) : text;
	}

	/**
	 * A note's file. A note needs some text, unless it is a like, a repost, a bookmark or
	 * an RSVP, which say what they say by their properties (its file is then empty).
	 */
	private static byte[] content(String markdown, NoteProperties properties) {
		if (markdown == null || markdown.isBlank()) {
			if (properties.speaksWithoutText()) {
				return new byte[0];
			}
			throw new InvalidNoteException("content", "A note needs some text");
		}
		return markdown.replace("\r\n", "\n").replace('\r', '\n').getBytes(StandardCharsets.UTF_8);
	}

}
