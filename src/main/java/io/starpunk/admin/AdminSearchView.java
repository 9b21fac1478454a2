package io.starpunk.admin;

import java.util.List;
import java.util.Locale;

import io.starpunk.notes.Highlighted;

/**
 * The owner's search ({@code admin/search.jte}): every note that matches, drafts and
 * deleted notes included and marked.
 *
 * @param query the query as typed ({@code ""} for none)
 * @param problem why the query could not be run, or {@code null}
 * @param count how many notes matched, as a line of text
 * @param notes this page's matches, best first
 * @param newer the previous page, or {@code null}
 * @param older the next page, or {@code null}
 */
record AdminSearchView(String query, String problem, String count, List<Row> notes, String newer, String older) {

	static AdminSearchView refused(String query, String problem) {
		return new AdminSearchView(query, problem, null, List.of(), null, null);
	}

	/**
	 * A note that matched.
	 *
	 * @param id the note's id
	 * @param title its name or first line
	 * @param status Published, Draft or Deleted
	 * @param snippet where it matched, escaped with the matches marked
	 * @param created when it was created, ISO 8601
	 * @param createdText the same for people
	 * @param viewUrl its public page, or {@code null} when it is not public
	 * @param deleted whether it is soft-deleted (then it has no edit link)
	 */
	record Row(long id, String title, String status, Highlighted snippet, String created, String createdText,
			String viewUrl, boolean deleted) {

		String statusClass() {
			return "status status-" + this.status.toLowerCase(Locale.ROOT);
		}

		String titleId() {
			return "match-" + this.id + "-title";
		}

	}

}
