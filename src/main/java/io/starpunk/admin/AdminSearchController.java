package io.starpunk.admin;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.starpunk.config.StarpunkSettings;
import io.starpunk.notes.InvalidSearchException;
import io.starpunk.notes.Note;
import io.starpunk.notes.NoteSearch;
import io.starpunk.notes.SearchHit;
import io.starpunk.notes.SearchQuery;
import io.starpunk.notes.SearchResults;

/**
 * {@code GET /admin/search?q=&page=}: every note that matches, drafts and deleted notes
 * included and marked, with links to edit them, {@value #PAGE_SIZE} a page.
 */
@Controller
class AdminSearchController {

	static final int PAGE_SIZE = 25;

	private final NoteSearch search;

	private final AdminPages pages;

	private final StarpunkSettings settings;

	private final Clock clock;

	AdminSearchController(NoteSearch search, AdminPages pages, StarpunkSettings settings, Clock clock) {
		this.clock = clock;
		this.search = search;
		this.pages = pages;
		this.settings = settings;
	}

	@GetMapping("/admin/search")
	ResponseEntity<String> showMatches(@RequestParam(name = "q", required = false) String q,
			@RequestParam(name = "page", required = false) String page, CsrfToken csrf) {
		String typed = (q != null) ? q : "";
		String shown = (typed.length() > SearchQuery.MAX_LENGTH) ? "" : typed;
		if (page != null && !page.matches("[1-9][0-9]{0,5}")) {
			return refuse(shown, "That page of results does not exist. Search again from the first page.", csrf);
		}
		SearchQuery query;
		try {
			query = SearchQuery.parse(typed);
		}
		catch (InvalidSearchException ex) {
			return refuse(shown, ex.getMessage(), csrf);
		}
		int number = (page != null) ? Integer.parseInt(page) : 1;
		SearchResults found = this.search.all(query, (number - 1) * PAGE_SIZE, PAGE_SIZE);
		String count = switch (found.total()) {
			case 0 -> "No notes match.";
			case 1 -> "1 note matches.";
			default -> found.total() + " notes match.";
		};
		AdminSearchView view = new AdminSearchView(query.text(), null, count,
				found.hits().stream().map(this::row).toList(), (number > 1) ? link(query, number - 1) : null,
				found.more() ? link(query, number + 1) : null);
		return this.pages.page(HttpStatus.OK, "admin/search.jte", "Search", view, csrf);
	}

	private ResponseEntity<String> refuse(String query, String problem, CsrfToken csrf) {
		return this.pages.page(HttpStatus.BAD_REQUEST, "admin/search.jte", "Search",
				AdminSearchView.refused(query, problem), csrf);
	}

	private AdminSearchView.Row row(SearchHit hit) {
		Note note = hit.note();
		boolean scheduled = note.scheduledAt(this.clock.instant());
		String status = note.deleted() ? "Deleted" : scheduled ? "Scheduled" : note.published() ? "Published" : "Draft";
		String viewUrl = (note.visible() && !scheduled) ? this.settings.url("notes", note.slug()).toString() : null;
		return new AdminSearchView.Row(note.id(), hit.title().isBlank() ? "A note" : hit.title(), status, hit.snippet(),
				AdminPages.iso(note.createdAt()), AdminPages.forPeople(note.createdAt()), viewUrl, note.deleted());
	}

	private static String link(SearchQuery query, int page) {
		String link = "/admin/search?q=" + URLEncoder.encode(query.text(), StandardCharsets.UTF_8);
		return (page > 1) ? link + "&page=" + page : link;
	}

}
