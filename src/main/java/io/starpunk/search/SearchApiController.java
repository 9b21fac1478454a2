package io.starpunk.search;

import java.time.format.DateTimeFormatter;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.starpunk.config.StarpunkSettings;
import io.starpunk.notes.InvalidSearchException;
import io.starpunk.notes.NoteSearch;
import io.starpunk.notes.SearchHit;
import io.starpunk.notes.SearchQuery;
import io.starpunk.notes.SearchResults;

/**
 * {@code GET /api/search?q=&limit=&offset=}: the public notes that match, as JSON in
 * StarPunk 1.1's shape: {@code query}, {@code count} (the results in this answer),
 * {@code limit}, {@code offset}, {@code results} of {@code slug}, {@code title},
 * {@code excerpt} (escaped HTML, the matches in {@code <mark>}), {@code published_at} and
 * {@code url}; and, beyond StarPunk, {@code total}, how many match in all. A bad query or
 * paging parameter is a 400 of {@code {"error","error_description"}}.
 */
@RestController
class SearchApiController {

	static final int DEFAULT_LIMIT = 20;

	private final NoteSearch search;

	private final StarpunkSettings settings;

	SearchApiController(NoteSearch search, StarpunkSettings settings) {
		this.search = search;
		this.settings = settings;
	}

	@GetMapping("/api/search")
	ResponseEntity<Object> search(@RequestParam(name = "q", required = false) String q,
			@RequestParam(name = "limit", required = false) String limit,
			@RequestParam(name = "offset", required = false) String offset) {
		if (limit != null && (!limit.matches("[0-9]{1,100}") || limit.matches("0+"))) {
			return invalid("limit must be a whole number from 1 (at most " + NoteSearch.MAX_LIMIT + " are returned)");
		}
		if (offset != null && !offset.matches("[0-9]{1,9}")) {
			return invalid("offset must be a whole number, 0 or more");
		}
		SearchQuery query;
		try {
			query = SearchQuery.parse(q);
		}
		catch (InvalidSearchException ex) {
			return invalid("q: " + ex.getMessage());
		}
		int size = (limit == null) ? DEFAULT_LIMIT : (limit.replaceFirst("^0+", "").length() > 3) ? NoteSearch.MAX_LIMIT
				: Math.min(Integer.parseInt(limit), NoteSearch.MAX_LIMIT);
		int from = (offset != null) ? Integer.parseInt(offset) : 0;
		SearchResults found = this.search.visible(query, from, size);
		List<Result> results = found.hits().stream().map(this::result).toList();
		return ResponseEntity.ok()
			.cacheControl(CacheControl.noCache())
			.body(new Answer(query.text(), results.size(), found.total(), size, from, results));
	}

	private Result result(SearchHit hit) {
		return new Result(hit.note().slug(), hit.title().isBlank() ? null : hit.title(), hit.snippet().html(),
				DateTimeFormatter.ISO_INSTANT.format(hit.note().createdAt()),
				this.settings.url("notes", hit.note().slug()).toString());
	}

	private static ResponseEntity<Object> invalid(String description) {
		return ResponseEntity.status(HttpStatus.BAD_REQUEST)
			.contentType(MediaType.APPLICATION_JSON)
			.cacheControl(CacheControl.noStore())
			.body(new Problem("invalid_request", description));
	}

	/**
	 * The answer.
	 *
	 * @param query the query as typed
	 * @param count how many results are in this answer
	 * @param total how many notes match in all
	 * @param limit the most results an answer holds
	 * @param offset how many results were skipped
	 * @param results the results, best match first
	 */
	record Answer(String query, int count, int total, int limit, int offset, List<Result> results) {
	}

	/**
	 * A note that matched.
	 *
	 * @param slug its slug
	 * @param title its name or first line, plain text, or {@code null}
	 * @param excerpt where it matched: escaped text, the matches in {@code <mark>}
	 * @param publishedAt when it was published, ISO 8601
	 * @param url its permalink
	 */
	record Result(String slug, String title, String excerpt, @JsonProperty("published_at") String publishedAt,
			String url) {
	}

	/**
	 * A refusal.
	 *
	 * @param error the error code
	 * @param description what was wrong
	 */
	record Problem(String error, @JsonProperty("error_description") String description) {
	}

}
