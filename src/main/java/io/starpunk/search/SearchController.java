package io.starpunk.search;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.starpunk.config.StarpunkSettings;
import io.starpunk.notes.InvalidSearchException;
import io.starpunk.notes.NoteSearch;
import io.starpunk.notes.SearchHit;
import io.starpunk.notes.SearchQuery;
import io.starpunk.notes.SearchResults;
import io.starpunk.site.SitePages;

/**
 * {@code GET /search?q=&page=}: the public notes that match, as an h-feed in the site's
 * layout, best match first, {@value #PAGE_SIZE} a page. A query that cannot be run is a
 * 400 page that says why, with the form to try again.
 */
@Controller
class SearchController {

	static final int PAGE_SIZE = 20;

	private static final DateTimeFormatter FOR_PEOPLE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);

	private final NoteSearch search;

	private final SitePages pages;

	private final StarpunkSettings settings;

	SearchController(NoteSearch search, SitePages pages, StarpunkSettings settings) {
		this.search = search;
		this.pages = pages;
		this.settings = settings;
	}

	@GetMapping("/search")
	ResponseEntity<String> showResults(@RequestParam(name = "q", required = false) String q,
			@RequestParam(name = "page", required = false) String page) {
		String typed = (q != null) ? q : "";
		String shown = (typed.length() > SearchQuery.MAX_LENGTH) ? "" : typed;
		if (page != null && !page.matches("[1-9][0-9]{0,5}")) {
			return refuse(shown, "That page of results does not exist. Search again from the first page.");
		}
		SearchQuery query;
		try {
			query = SearchQuery.parse(typed);
		}
		catch (InvalidSearchException ex) {
			return refuse(shown, ex.getMessage());
		}
		int number = (page != null) ? Integer.parseInt(page) : 1;
		SearchResults found = this.search.visible(query, (number - 1) * PAGE_SIZE, PAGE_SIZE);
		SearchView view = new SearchView(query.text(), null, "Notes matching “" + query.text() + "”",
				count(found, number), found.hits().stream().map(this::result).toList(),
				(number > 1) ? link(query, number - 1) : null, found.more() ? link(query, number + 1) : null);
		return this.pages.page(HttpStatus.OK, "search/results.jte", "Search: " + query.text(), view);
	}

	private ResponseEntity<String> refuse(String query, String problem) {
		return this.pages.page(HttpStatus.BAD_REQUEST, "search/results.jte", "Search",
				SearchView.refused(query, problem));
	}

	private SearchView.Result result(SearchHit hit) {
		return new SearchView.Result(this.settings.url("notes", hit.note().slug()).toString(),
				hit.title().isBlank() ? "A note" : hit.title(), hit.snippet(),
				DateTimeFormatter.ISO_INSTANT.format(hit.note().createdAt()),
				FOR_PEOPLE.format(hit.note().createdAt().atZone(ZoneOffset.UTC)));
	}

	private static String count(SearchResults found, int page) {
		if (found.total() == 0) {
			return "No notes match.";
		}
		String all = (found.total() == 1) ? "1 note matches." : found.total() + " notes match.";
		if (found.newestFirst()) {
			all = all + " So many are listed newest first; more words find fewer.";
		}
		if (found.hits().isEmpty()) {
			return all + " There are none on page " + page + ".";
		}
		if (found.total() <= found.limit() && page == 1) {
			return all;
		}
		return all + " Showing " + (found.offset() + 1) + "–" + (found.offset() + found.hits().size()) + ".";
	}

	private String link(SearchQuery query, int page) {
		String link = this.settings.url("search") + "?q=" + URLEncoder.encode(query.text(), StandardCharsets.UTF_8);
		return (page > 1) ? link + "&page=" + page : link;
	}

}
