package io.starpunk.feed;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import org.springframework.web.util.HtmlUtils;

import io.starpunk.config.StarpunkSettings;
import io.starpunk.notes.Headlines;
import io.starpunk.notes.MarkdownRenderer;
import io.starpunk.notes.Note;
import io.starpunk.notes.NoteCursor;
import io.starpunk.notes.NoteProperties;
import io.starpunk.notes.NoteService;
import io.starpunk.notes.NoteText;
import io.starpunk.notes.NotesChanged;

/**
 * The feeds, held in memory. They are rendered on the first request after a change to the
 * notes (a {@link NotesChanged} event marks them stale), never on every request.
 */
@Component
class Feeds {

	/** The longest item title, in characters. */
	static final int TITLE_LENGTH = 80;

	private final NoteService notes;

	private final MarkdownRenderer markdown;

	private final StarpunkSettings settings;

	private final FeedWriter writer;

	private final Instant started;

	/**
	 * Counts the changes to the notes; the feeds are current when rendered at the last
	 * one.
	 */
	private final AtomicLong changes = new AtomicLong(1);

	private final AtomicLong renders = new AtomicLong();

	private volatile Rendered current = new Rendered(0, Map.of());

	private volatile Instant lastChange;

	Feeds(NoteService notes, MarkdownRenderer markdown, StarpunkSettings settings, JsonMapper json, Clock clock) {
		this.notes = notes;
		this.markdown = markdown;
		this.settings = settings;
		this.writer = new FeedWriter(settings, json);
		this.started = clock.instant();
	}

	@EventListener
	void notesChanged(NotesChanged event) {
		Instant previous = this.lastChange;
		if (previous == null || event.at().isAfter(previous)) {
			this.lastChange = event.at();
		}
		this.changes.incrementAndGet();
	}

	/**
	 * The feed in a format, rendered again first if the notes changed since it was last
	 * rendered.
	 * @param format the format
	 * @return the feed
	 */
	RenderedFeed get(FeedFormat format) {
		Rendered rendered = this.current;
		if (rendered.change() < this.changes.get()) {
			synchronized (this) {
				// a request that came while another rendered waits for that render and
				// uses
				// it; a change made while rendering leaves the feeds stale for the next
				// one
				rendered = this.current;
				long change = this.changes.get();
				if (rendered.change() < change) {
					rendered = new Rendered(change, render());
					this.current = rendered;
				}
			}
		}
		return rendered.feeds().get(format);
	}

	/** How many times the feeds were rendered. */
	long renders() {
		return this.renders.get();
	}

	private Map<FeedFormat, RenderedFeed> render() {
		List<Note> newest = newestPublicNotes();
		List<FeedItem> items = new ArrayList<>(newest.size());
		Instant lastModified = this.lastChange;
		Map<Long, NoteProperties> allProperties = this.notes.properties(newest);
		for (Note note : newest) {
			NoteProperties properties = allProperties.get(note.id());
			NoteText text = this.notes.text(note, properties);
			String title = properties.name().orElseGet(() -> Headlines.of(text.plain(), TITLE_LENGTH, note.slug()));
			items.add(new FeedItem(title, this.settings.url("notes", note.slug()), note.createdAt(), note.updatedAt(),
					this.markdown.render(text) + photos(properties), properties.categories()));
			if (lastModified == null || note.updatedAt().isAfter(lastModified)) {
				lastModified = note.updatedAt();
			}
		}
		if (lastModified == null) {
			lastModified = this.started;
		}
		Map<FeedFormat, RenderedFeed> rendered = new EnumMap<>(FeedFormat.class);
		for (FeedFormat format : FeedFormat.values()) {
			rendered.put(format, RenderedFeed.of(format, this.writer.write(format, items, lastModified), lastModified));
		}
		this.renders.incrementAndGet();
		return Map.copyOf(rendered);
	}

	/** A note's photos as images after its text, so that feed readers show them too. */
	private String photos(NoteProperties properties) {
		StringBuilder html = new StringBuilder();
		for (NoteProperties.Photo photo : properties.photos()) {
			html.append("<p><img src=\"")
				.append(HtmlUtils.htmlEscape(photo.url()))
				.append("\" alt=\"")
				.append(HtmlUtils.htmlEscape((photo.alt() != null) ? photo.alt() : ""))
				.append("\"></p>");
		}
		return html.isEmpty() ? "" : this.markdown.sanitiseHtml(html.toString());
	}

	/** The feeds in every format, rendered as the notes were at a change. */
	private record Rendered(long change, Map<FeedFormat, RenderedFeed> feeds) {
	}

	private List<Note> newestPublicNotes() {
		int wanted = this.settings.feedMaxItems();
		List<Note> found = new ArrayList<>(wanted);
		NoteCursor before = null;
		while (found.size() < wanted) {
			int size = Math.min(wanted - found.size(), NoteService.MAX_PAGE);
			List<Note> page = this.notes.visible(before, size);
			found.addAll(page);
			if (page.size() < size) {
				break;
			}
			before = NoteCursor.after(page.get(page.size() - 1));
		}
		return List.copyOf(found);
	}

}
