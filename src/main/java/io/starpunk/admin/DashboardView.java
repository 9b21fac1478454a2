package io.starpunk.admin;

import java.util.List;
import java.util.Locale;

/**
 * The dashboard ({@code admin/dashboard.jte}).
 *
 * @param flash the message about what a form just did, or {@code null}
 * @param counts how many notes of each kind, as a line of text
 * @param filters the filter links, the current one marked
 * @param notes this page's notes
 * @param empty what to say when there are none
 * @param newer the page of newer notes, or {@code null}
 * @param older the page of older notes, or {@code null}
 * @param locatedImages how many stored images still carry a location (GPS)
 */
record DashboardView(String flash, String counts, List<Filter> filters, List<Row> notes, String empty, String newer,
		String older, int locatedImages) {

	/** What the dashboard says about stored images that carry a location. */
	String locatedImagesText() {
		return (this.locatedImages == 1) ? "1 stored image still carries a location (GPS) that anyone can read."
				: this.locatedImages + " stored images still carry a location (GPS) that anyone can read.";
	}

	/**
	 * A filter link.
	 *
	 * @param label its text
	 * @param href where it goes
	 * @param current whether it is the one shown
	 */
	record Filter(String label, String href, boolean current) {

		/** The {@code aria-current} value: {@code page}, or none. */
		String ariaCurrent() {
			return this.current ? "page" : null;
		}

	}

	/**
	 * A note in the list.
	 *
	 * @param id the note's id
	 * @param headline its first line
	 * @param status Published, Draft or Deleted
	 * @param created when it was created, ISO 8601
	 * @param createdText the same for people
	 * @param viewUrl its public page, or {@code null} when it is not public
	 * @param deleted whether it is soft-deleted
	 */
	record Row(long id, String headline, String status, String created, String createdText, String viewUrl,
			boolean deleted) {

		String statusClass() {
			return "status status-" + this.status.toLowerCase(Locale.ROOT);
		}

		String headlineId() {
			return "note-" + this.id + "-headline";
		}

	}

}
