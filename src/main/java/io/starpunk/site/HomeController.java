package io.starpunk.site;

import java.util.List;
import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

import io.starpunk.config.StarpunkSettings;
import io.starpunk.http.DiscoveryLinks;
import io.starpunk.notes.Note;
import io.starpunk.notes.NoteCursor;
import io.starpunk.notes.Notes;

/**
 * {@code GET /}: the owner's h-card and an h-feed of public notes, newest first, a page
 * at a time with a stable {@code ?before=} cursor.
 */
@Controller
class HomeController {

	static final int PAGE_SIZE = 20;

	private final Notes notes;

	private final Entries entries;

	private final SitePages pages;

	private final StarpunkSettings settings;

	HomeController(Notes notes, Entries entries, SitePages pages, StarpunkSettings settings) {
		this.notes = notes;
		this.entries = entries;
		this.pages = pages;
		this.settings = settings;
	}

	@GetMapping("/")
	ResponseEntity<String> showHome(@RequestParam(name = "before", required = false) String before) {
		NoteCursor cursor = null;
		if (before != null) {
			Optional<NoteCursor> parsed = PageToken.parse(before);
			if (parsed.isEmpty()) {
				return this.pages.error(HttpStatus.BAD_REQUEST, "Bad page link",
						"That link to older notes is not one this site made. Start again from the home page.");
			}
			cursor = parsed.get();
		}
		List<Note> found = this.notes.visible(cursor, PAGE_SIZE + 1);
		List<Note> shown = found.subList(0, Math.min(found.size(), PAGE_SIZE));
		String older = (found.size() > PAGE_SIZE) ? olderPage(shown.get(shown.size() - 1)) : null;
		HomeView view = new HomeView(this.settings.siteName(), this.settings.url().toString(),
				this.settings.siteDescription(), this.pages.owner(), this.entries.entries(shown), older);
		if (cursor != null) {
			return this.pages.page("site/home.jte", "Older notes", view);
		}
		// WebSub: the home page (its first page) is a topic subscribers can follow
		return this.pages.page("site/home.jte", null, view, List.of(),
				DiscoveryLinks.websub(this.settings.conversations().websubHubs(), this.settings.url()));
	}

	private String olderPage(Note last) {
		return UriComponentsBuilder.fromUri(this.settings.url())
			.queryParam("before", PageToken.format(NoteCursor.after(last)))
			.build()
			.toUriString();
	}

}
