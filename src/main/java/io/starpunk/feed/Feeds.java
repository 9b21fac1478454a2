package io.starpunk.feed;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

import org.springframework.web.util.HtmlUtils;

import io.starpunk.config.StarpunkSettings;
import io.starpunk.media.ResponsiveImage;
import io.starpunk.media.ResponsiveImages;
import io.starpunk.notes.Category;
import io.starpunk.notes.MarkdownRenderer;
import io.starpunk.notes.Note;
import io.starpunk.notes.NoteCursor;
import io.starpunk.notes.NoteProperties;
import io.starpunk.notes.NoteText;
import io.starpunk.notes.Notes;
import io.starpunk.notes.Response;
import io.starpunk.notes.Tags;
import io.starpunk.replycontext.ReplyContext;
import io.starpunk.replycontext.ReplyContexts;

/**
 * The feeds, rendered when asked for. The response cache in front of the public pages
 * keeps what was rendered; this only remembers when the notes last changed, which a
 * deletion leaves nowhere else to read, for the feeds' Last-Modified.
 */
@Component
class Feeds {

	private final Notes notes;

	private final MarkdownRenderer markdown;

	private final StarpunkSettings settings;

	private final Tags tags;

	private final FeedWriter writer;

	private final Instant started;

	private final ResponsiveImages images;

	private final ReplyContexts contexts;

	Feeds(Notes notes, Tags tags, MarkdownRenderer markdown, StarpunkSettings settings, JsonMapper json, Clock clock,
			ResponsiveImages images, ReplyContexts contexts) {
		this.contexts = contexts;
		this.notes = notes;
		this.images = images;
		this.tags = tags;
		this.markdown = markdown;
		this.settings = settings;
		this.writer = new FeedWriter(settings, json);
		this.started = clock.instant();
	}

	/**
	 * The site's feed in a format, rendered now.
	 * @param format the format
	 * @return the feed
	 */
	RenderedFeed get(FeedFormat format) {
		List<Note> newest = newestPublicNotes(this.notes::visible);
		Instant lastModified = lastModified(newest);
		return RenderedFeed.of(format, this.writer.write(format, items(newest), lastModified), lastModified);
	}

	/**
	 * A tag's feed in a format, rendered now.
	 * @param spelling the tag as in its address
	 * @param format the format
	 * @return the feed, or empty when no public note has the tag
	 */
	Optional<RenderedFeed> tag(String spelling, FeedFormat format) {
		return this.tags.findPublic(spelling).map((tag) -> {
			List<Note> newest = newestPublicNotes((before, size) -> this.tags.visible(tag, before, size));
			Instant lastModified = lastModified(newest);
			byte[] body = this.writer.write(this.writer.tag(tag.name(), tag.displayName()), format, items(newest),
					lastModified);
			return RenderedFeed.of(format, body, lastModified);
		});
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
		Map<String, ReplyContext> contexts = this.contexts.find(allProperties.values()
			.stream()
			.flatMap((properties) -> properties.responses().stream())
			.map(Response::url)
			.distinct()
			.toList());
		for (Note note : newest) {
			NoteProperties properties = allProperties.get(note.id());
			NoteText text = this.notes.text(note, properties);
			// a note without a name has no title: a headline made from its text would be
			// taken for one
			String title = properties.name().orElse(null);
			List<Response> responses = properties.responses();
			items.add(new FeedItem(title, this.settings.url("notes", note.slug()), note.createdAt(), note.updatedAt(),
					responses(properties, contexts) + this.markdown.render(text) + photos(properties, sizes),
					categories.get(note.id()).stream().map(Category::text).toList(), enclosures(properties, sizes),
					responses.isEmpty() ? null : responses.get(0).url()));
		}
		return items;
	}

	/**
	 * The feed's own date: its newest note's last change (or, for a feed of no notes, the
	 * start of the server). It is the same whenever the same notes are rendered, so a
	 * render after a change that left the feed as it was gives the same bytes. The HTTP
	 * {@code Last-Modified} of the feed URLs is when their bytes last changed
	 * ({@code io.starpunk.rendered}), which also moves when a note leaves the feed.
	 */
	private Instant lastModified(List<Note> newest) {
		Instant lastModified = null;
		for (Note note : newest) {
			if (lastModified == null || note.updatedAt().isAfter(lastModified)) {
				lastModified = note.updatedAt();
			}
		}
		return (lastModified != null) ? lastModified : this.started;
	}

	/**
	 * What a note responds to, before its text, so that feed readers show it: "In reply
	 * to", "Liked", "Reposted" or "Bookmarked" and a link to the page (its title when its
	 * context was fetched), and an RSVP's answer.
	 */
	private String responses(NoteProperties properties, Map<String, ReplyContext> contexts) {
		StringBuilder html = new StringBuilder();
		for (Response response : properties.responses()) {
			ReplyContext context = contexts.get(response.url());
			String words = (context != null && context.title() != null) ? context.title() : response.url();
			html.append("<p>")
				.append(HtmlUtils.htmlEscape(response.verb()))
				.append(" <a href=\"")
				.append(HtmlUtils.htmlEscape(response.url()))
				.append("\">")
				.append(HtmlUtils.htmlEscape(words))
				.append("</a></p>");
		}
		properties.rsvp().ifPresent((rsvp) -> html.append("<p>RSVP: ").append(rsvp).append("</p>"));
		return html.isEmpty() ? "" : this.markdown.sanitiseHtml(html.toString());
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
