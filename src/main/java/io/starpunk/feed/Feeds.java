package io.starpunk.feed;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import org.springframework.web.util.HtmlUtils;

import io.starpunk.config.StarpunkSettings;
import io.starpunk.media.ResponsiveImage;
import io.starpunk.media.ResponsiveImages;
import io.starpunk.notes.Category;
import io.starpunk.notes.Headlines;
import io.starpunk.notes.MarkdownRenderer;
import io.starpunk.notes.Note;
import io.starpunk.notes.NoteCursor;
import io.starpunk.notes.NoteProperties;
import io.starpunk.notes.Notes;
import io.starpunk.notes.NoteText;
import io.starpunk.notes.NotesChanged;
import io.starpunk.notes.Tags;

/**
 * The feeds, held in memory. They are rendered on the first request after a change to the
 * notes (a {@link NotesChanged} event marks them stale), never on every request. A tag's
 * feeds, as many as there are tags, are rendered on the first request for them after a
 * change and kept in a cache bounded by the bytes it holds.
 */
@Component
class Feeds {

	/** The longest item title, in characters. */
	static final int TITLE_LENGTH = 80;

	/** The most bytes of tags' feeds kept in memory. */
	static final long TAG_FEEDS_BYTES = 16L * 1024 * 1024;

	private final Notes notes;

	private final MarkdownRenderer markdown;

	private final StarpunkSettings settings;

	private final Tags tags;

	private final FeedWriter writer;

	private final Instant started;

	/**
	 * Counts the changes to the notes; the feeds are current when rendered at the last
	 * one.
	 */
	private final AtomicLong changes = new AtomicLong(1);

	private final AtomicLong renders = new AtomicLong();

	/**
	 * Tags' feeds, each under the change it was rendered at: a change makes every one of
	 * them stale, and a request after it renders its feed again. Concurrent requests for
	 * one feed wait for one render.
	 */
	private final Cache<TagFeed, RenderedFeed> tagFeeds = Caffeine.newBuilder()
		.maximumWeight(TAG_FEEDS_BYTES)
		.<TagFeed, RenderedFeed>weigher((key, feed) -> feed.body().length + 256)
		.build();

	private volatile Rendered current = new Rendered(0, Map.of());

	private volatile Instant lastChange;

	private final ResponsiveImages images;

	Feeds(Notes notes, Tags tags, MarkdownRenderer markdown, StarpunkSettings settings, JsonMapper json, Clock clock,
			ResponsiveImages images) {
		this.notes = notes;
		this.images = images;
		this.tags = tags;
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
		this.tagFeeds.invalidateAll();
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

	/**
	 * A tag's feed in a format, rendered now.
	 * @param spelling the tag as in its address
	 * @param format the format
	 * @return the feed, or empty when no public note has the tag
	 */
	Optional<RenderedFeed> tag(String spelling, FeedFormat format) {
		// the change is read before the notes are: a change made while rendering makes
		// the next request render again
		TagFeed key = new TagFeed(spelling, format, this.changes.get());
		return Optional.ofNullable(this.tagFeeds.get(key, this::renderTag));
	}

	/** How many times the feeds were rendered. */
	long renders() {
		return this.renders.get();
	}

	private Map<FeedFormat, RenderedFeed> render() {
		List<Note> newest = newestPublicNotes(this.notes::visible);
		List<FeedItem> items = items(newest);
		Instant lastModified = lastModified(newest, this.lastChange);
		Map<FeedFormat, RenderedFeed> rendered = new EnumMap<>(FeedFormat.class);
		for (FeedFormat format : FeedFormat.values()) {
			rendered.put(format, RenderedFeed.of(format, this.writer.write(format, items, lastModified), lastModified));
		}
		this.renders.incrementAndGet();
		return Map.copyOf(rendered);
	}

	/** A tag's feed, or {@code null} (not cached) when no public note has the tag. */
	private RenderedFeed renderTag(TagFeed key) {
		return this.tags.findPublic(key.tag()).map((tag) -> {
			List<Note> newest = newestPublicNotes((before, size) -> this.tags.visible(tag, before, size));
			List<FeedItem> items = items(newest);
			Instant lastModified = lastModified(newest, this.lastChange);
			byte[] body = this.writer.write(this.writer.tag(tag.name(), tag.displayName()), key.format(), items,
					lastModified);
			this.renders.incrementAndGet();
			return RenderedFeed.of(key.format(), body, lastModified);
		}).orElse(null);
	}

	/** The notes as feed items, their categories by the tags' display spellings. */
	private List<FeedItem> items(List<Note> newest) {
		List<FeedItem> items = new ArrayList<>(newest.size());
		Map<Long, NoteProperties> allProperties = this.notes.properties(newest);
		Map<Long, List<Category>> categories = this.tags.categories(allProperties);
		Map<String, ResponsiveImage> sizes = this.images.describe(allProperties.values()
			.stream()
			.flatMap((properties) -> properties.photos().stream())
			.map(NoteProperties.Photo::url)
			.toList());
		for (Note note : newest) {
			NoteProperties properties = allProperties.get(note.id());
			NoteText text = this.notes.text(note, properties);
			String title = properties.name().orElseGet(() -> Headlines.of(text.plain(), TITLE_LENGTH, note.slug()));
			items.add(new FeedItem(title, this.settings.url("notes", note.slug()), note.createdAt(), note.updatedAt(),
					this.markdown.render(text) + photos(properties, sizes),
					categories.get(note.id()).stream().map(Category::text).toList(), enclosures(properties, sizes)));
		}
		return items;
	}

	/** When the feed last changed: the last change to the notes, or a later edit. */
	private Instant lastModified(List<Note> newest, Instant lastChange) {
		Instant lastModified = lastChange;
		for (Note note : newest) {
			if (lastModified == null || note.updatedAt().isAfter(lastModified)) {
				lastModified = note.updatedAt();
			}
		}
		return (lastModified != null) ? lastModified : this.started;
	}

	/**
	 * A note's photos as images after its text, so that feed readers show them too: a
	 * stored image at its {@code large} size (or the original when that is smaller), with
	 * its width and height.
	 */
	private String photos(NoteProperties properties, Map<String, ResponsiveImage> sizes) {
		StringBuilder html = new StringBuilder();
		for (NoteProperties.Photo photo : properties.photos()) {
			ResponsiveImage size = sizes.get(photo.url());
			html.append("<p><img src=\"")
				.append(HtmlUtils.htmlEscape((size != null) ? size.feedSrc() : photo.url()))
				.append("\" alt=\"")
				.append(HtmlUtils.htmlEscape((photo.alt() != null) ? photo.alt() : ""));
			if (size != null) {
				html.append("\" width=\"").append(size.feedWidth()).append("\" height=\"").append(size.feedHeight());
			}
			html.append("\"></p>");
		}
		return html.isEmpty() ? "" : this.markdown.sanitiseHtml(html.toString());
	}

	/** A note's stored photos as files, at the size the feeds carry, in order. */
	private static List<FeedItem.Enclosure> enclosures(NoteProperties properties, Map<String, ResponsiveImage> sizes) {
		List<FeedItem.Enclosure> enclosures = new ArrayList<>();
		for (NoteProperties.Photo photo : properties.photos()) {
			ResponsiveImage size = sizes.get(photo.url());
			if (size != null) {
				enclosures.add(new FeedItem.Enclosure(size.feedSrc(), size.feedType(), size.feedBytes()));
			}
		}
		return enclosures;
	}

	/** A tag's feed in a format, as rendered after a change. */
	private record TagFeed(String tag, FeedFormat format, long change) {
	}

	/** The feeds in every format, rendered as the notes were at a change. */
	private record Rendered(long change, Map<FeedFormat, RenderedFeed> feeds) {
	}

	private List<Note> newestPublicNotes(BiFunction<NoteCursor, Integer, List<Note>> pages) {
		int wanted = this.settings.feedMaxItems();
		List<Note> found = new ArrayList<>(wanted);
		NoteCursor before = null;
		while (found.size() < wanted) {
			int size = Math.min(wanted - found.size(), Notes.MAX_PAGE);
			List<Note> page = pages.apply(before, size);
			found.addAll(page);
			if (page.size() < size) {
				break;
			}
			before = NoteCursor.after(page.get(page.size() - 1));
		}
		return List.copyOf(found);
	}

}
