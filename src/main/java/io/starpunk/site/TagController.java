package io.starpunk.site;

import java.util.List;
import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

import io.starpunk.config.StarpunkSettings;
import io.starpunk.notes.Note;
import io.starpunk.notes.NoteCursor;
import io.starpunk.notes.Tag;
import io.starpunk.notes.TagNames;
import io.starpunk.notes.Tags;

/**
 * The tags: {@code GET /tags} lists every tag of a public note with its count, {@code GET
 * /tags/{tag}} is the h-feed of a tag's public notes a page at a time (another spelling
 * of the tag is sent to its own address), and StarPunk's {@code /tag/{tag}} sends readers
 * there.
 */
@Controller
class TagController {

	private final Tags tags;

	private final Entries entries;

	private final SitePages pages;

	private final StarpunkSettings settings;

	TagController(Tags tags, Entries entries, SitePages pages, StarpunkSettings settings) {
		this.tags = tags;
		this.entries = entries;
		this.pages = pages;
		this.settings = settings;
	}

	@GetMapping("/tags")
	ResponseEntity<String> showTags() {
		List<TagsView.TagLink> links = this.tags.counts()
			.stream()
			.map((count) -> new TagsView.TagLink(count.tag().displayName(), this.entries.tagPage(count.tag()),
					count.notes()))
			.toList();
		return this.pages.page("site/tags.jte", "Tags", new TagsView(links));
	}

	@GetMapping("/tags/{tag}")
	ResponseEntity<String> showTag(@PathVariable String tag,
			@RequestParam(name = "before", required = false) String before) {
		Optional<Tag> found = this.tags.findPublic(tag);
		if (found.isEmpty()) {
			return this.pages.error(HttpStatus.NOT_FOUND, "Not found", "No public note has this tag.");
		}
		if (!found.get().name().equals(tag)) {
			return redirect(found.get().name(), before);
		}
		NoteCursor cursor = null;
		if (before != null) {
			Optional<NoteCursor> parsed = PageToken.parse(before);
			if (parsed.isEmpty()) {
				return this.pages.error(HttpStatus.BAD_REQUEST, "Bad page link",
						"That link to older notes is not one this site made. Start again from the tag's page.");
			}
			cursor = parsed.get();
		}
		Tag shownTag = found.get();
		List<Note> notes = this.tags.visible(shownTag, cursor, HomeController.PAGE_SIZE + 1);
		List<Note> shown = notes.subList(0, Math.min(notes.size(), HomeController.PAGE_SIZE));
		String page = this.entries.tagPage(shownTag);
		String older = (notes.size() > HomeController.PAGE_SIZE) ? UriComponentsBuilder.fromUriString(page)
			.queryParam("before", PageToken.format(NoteCursor.after(shown.get(shown.size() - 1))))
			.build()
			.toUriString() : null;
		String name = "Notes tagged " + shownTag.displayName();
		TagView view = new TagView(name, page, this.pages.owner(), this.entries.entries(shown),
				(cursor != null) ? page : null, older, this.settings.url("tags").toString());
		return this.pages.page("site/tag.jte", (cursor != null) ? name + " (older)" : name, view, feeds(shownTag));
	}

	@GetMapping("/tag/{tag}")
	ResponseEntity<Void> redirectOldTagPage(@PathVariable String tag,
			@RequestParam(name = "before", required = false) String before) {
		return redirect(TagNames.normalise(tag), before);
	}

	/** The tag's feeds, at the site's feed names below the tag's address. */
	private List<Frame.FeedLink> feeds(Tag tag) {
		String title = this.settings.siteName() + ": " + tag.displayName();
		return List.of(
				new Frame.FeedLink(this.settings.url("tags", tag.name(), "feed.xml").toString(), "application/rss+xml",
						title + " (RSS)", "RSS"),
				new Frame.FeedLink(this.settings.url("tags", tag.name(), "feed.atom").toString(),
						"application/atom+xml", title + " (Atom)", "Atom"),
				new Frame.FeedLink(this.settings.url("tags", tag.name(), "feed.json").toString(),
						"application/feed+json", title + " (JSON Feed)", "JSON Feed"));
	}

	private <T> ResponseEntity<T> redirect(String name, String before) {
		UriComponentsBuilder location = UriComponentsBuilder.fromUri(this.settings.url("tags", name));
		if (before != null) {
			location.queryParam("before", "{before}");
		}
		return ResponseEntity.status(HttpStatus.MOVED_PERMANENTLY)
			.location(
					(before != null) ? location.encode().buildAndExpand(before).toUri() : location.build(true).toUri())
			.build();
	}

}
