package io.starpunk.site;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.stereotype.Component;

import io.starpunk.config.StarpunkSettings;
import io.starpunk.media.ResponsiveImage;
import io.starpunk.media.ResponsiveImages;
import io.starpunk.notes.Category;
import io.starpunk.notes.Headlines;
import io.starpunk.notes.MarkdownRenderer;
import io.starpunk.notes.Note;
import io.starpunk.notes.NoteProperties;
import io.starpunk.notes.NoteText;
import io.starpunk.notes.Notes;
import io.starpunk.notes.Response;
import io.starpunk.notes.Tag;
import io.starpunk.notes.Tags;
import io.starpunk.replycontext.ReplyContext;
import io.starpunk.replycontext.ReplyContexts;

/**
 * Turns notes into h-entries. The only place a note's text becomes HTML for a page, and
 * only through the notes package's sanitising {@link MarkdownRenderer}.
 */
@Component
class Entries {

	private static final DateTimeFormatter FOR_PEOPLE = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm 'UTC'",
			Locale.ENGLISH);

	private final Notes notes;

	private final MarkdownRenderer renderer;

	private final Tags tags;

	private final StarpunkSettings settings;

	private final ResponsiveImages images;

	private final ReplyContexts contexts;

	Entries(Notes notes, MarkdownRenderer renderer, Tags tags, StarpunkSettings settings, ResponsiveImages images,
			ReplyContexts contexts) {
		this.contexts = contexts;
		this.notes = notes;
		this.images = images;
		this.renderer = renderer;
		this.tags = tags;
		this.settings = settings;
	}

	EntryView entry(Note note) {
		return entries(List.of(note)).get(0);
	}

	/** The h-entries of a page of notes, their properties and tags read at once. */
	List<EntryView> entries(List<Note> notes) {
		Map<Long, NoteProperties> properties = this.notes.properties(notes);
		Map<Long, List<Category>> categories = this.tags.categories(properties);
		Map<String, ResponsiveImage> sizes = this.images.describe(properties.values()
			.stream()
			.flatMap((each) -> each.photos().stream())
			.map(NoteProperties.Photo::url)
			.toList());
		Map<String, ReplyContext> contexts = this.contexts.find(properties.values()
			.stream()
			.flatMap((each) -> each.responses().stream())
			.map(Response::url)
			.distinct()
			.toList());
		return notes.stream()
			.map((note) -> entry(note, properties.get(note.id()), categories.get(note.id()), sizes, contexts))
			.toList();
	}

	/** The address of a tag's page. */
	/**
	 * A received mention's content, sanitised again on its way to the page (it was when
	 * stored): the same allow-list as a note's.
	 */
	RenderedHtml mentionContent(String html) {
		return new RenderedHtml(this.renderer.sanitiseHtml(html));
	}

	String tagPage(Tag tag) {
		return this.settings.url("tags", tag.name()).toString();
	}

	private EntryView entry(Note note, NoteProperties properties, List<Category> categories,
			Map<String, ResponsiveImage> sizes, Map<String, ReplyContext> contexts) {
		NoteText text = this.notes.text(note, properties);
		RenderedHtml content = new RenderedHtml(this.renderer.render(text));
		boolean edited = note.edited();
		String name = properties.name().orElse(null);
		String plain = text.plain();
		String summary = properties.responseSummary();
		String headline = (name != null) ? name
				: (plain.isBlank() && summary != null) ? headline(summary) : headline(plain);
		List<EntryView.ResponseView> responses = properties.responses()
			.stream()
			.map((response) -> new EntryView.ResponseView(response.verb(), response.mf2Class(), response.url(),
					shown(contexts.get(response.url()))))
			.toList();
		return new EntryView(permalink(note), name, headline, iso(note.createdAt()), forPeople(note.createdAt()),
				edited ? iso(note.updatedAt()) : null, edited ? forPeople(note.updatedAt()) : null, content,
				text.intact(),
				categories.stream()
					.map((category) -> new EntryView.CategoryView(category.text(),
							category.isTag() ? tagPage(category.tag()) : null))
					.toList(),
				properties.photos().stream().map((photo) -> photo(photo, sizes.get(photo.url()))).toList(),
				properties.checkin().orElse(null), responses, properties.rsvp().orElse(null),
				properties.syndication()
					.stream()
					.filter((url) -> url.startsWith("https://") || url.startsWith("http://"))
					.toList());
	}

	private static ReplyContext shown(ReplyContext context) {
		return (context != null && context.hasAnything()) ? context : null;
	}

	private static EntryView.PhotoView photo(NoteProperties.Photo photo, ResponsiveImage size) {
		if (size == null) {
			return new EntryView.PhotoView(photo.url(), photo.alt(), null, null, null);
		}
		return new EntryView.PhotoView(photo.url(), photo.alt(), size.srcset(), size.width(), size.height());
	}

	/**
	 * A short plain line for the document title: the note's first line without its
	 * Markdown marks. The template escapes it like any other text.
	 */
	static String headline(String markdown) {
		return Headlines.of(markdown, 70, "A note");
	}

	String permalink(Note note) {
		return this.settings.url("notes", note.slug()).toString();
	}

	private static String iso(Instant instant) {
		return DateTimeFormatter.ISO_INSTANT.format(instant);
	}

	private static String forPeople(Instant instant) {
		return FOR_PEOPLE.format(instant.atZone(ZoneOffset.UTC));
	}

}
