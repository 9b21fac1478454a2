package io.starpunk.search;

import java.util.List;

import io.starpunk.notes.Highlighted;

/**
 * The search page ({@code search/results.jte}).
 *
 * @param query the query as typed, to fill the form with ({@code ""} for none)
 * @param problem why the query could not be run, or {@code null}
 * @param heading the results' heading, the h-feed's name
 * @param count how many notes matched, as a line of text
 * @param results this page's matches, best first
 * @param newer the previous page of results, or {@code null}
 * @param older the next page of results, or {@code null}
 */
record SearchView(String query, String problem, String heading, String count, List<Result> results, String newer,
		String older) {

	static SearchView refused(String query, String problem) {
		return new SearchView(query, problem, null, null, List.of(), null, null);
	}

	/**
	 * A note that matched, as an h-entry.
	 *
	 * @param url its permalink
	 * @param title its name or first line
	 * @param snippet where it matched, escaped with the matches marked
	 * @param published when it was published, ISO 8601
	 * @param publishedText the same, for people
	 */
	record Result(String url, String title, Highlighted snippet, String published, String publishedText) {
	}

}
