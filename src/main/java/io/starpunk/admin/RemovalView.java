package io.starpunk.admin;

/**
 * The confirmation pages for deleting a note and deleting it forever
 * ({@code admin/delete.jte}, {@code admin/purge.jte}).
 *
 * @param id the note's id
 * @param headline its first line
 * @param error why the form was sent back, or {@code null}
 */
record RemovalView(long id, String headline, String error) {

	/** The {@code aria-invalid} value of the confirmation: {@code true}, or none. */
	String invalid() {
		return (this.error != null) ? "true" : null;
	}

	/** The {@code aria-describedby} value of the confirmation: its error, or none. */
	String describedBy() {
		return (this.error != null) ? "confirm-error" : null;
	}

}
