package io.starpunk.admin;

import java.util.List;

/**
 * The received webmentions as the owner moderates them ({@code admin/mentions.jte}).
 *
 * @param flash the message about what a form just did, or {@code null}
 * @param sections pending, approved and rejected mentions, each with its count
 * @param blocked the blocked domains
 */
record MentionsView(String flash, List<Section> sections, List<String> blocked) {

	/**
	 * Mentions in one moderation state.
	 *
	 * @param status {@code pending}, {@code approved} or {@code rejected}
	 * @param heading the section's heading
	 * @param total how many there are
	 * @param rows the ones shown
	 */
	record Section(String status, String heading, int total, List<Row> rows) {

		String id() {
			return "mentions-" + this.status;
		}

	}

	/**
	 * One mention.
	 *
	 * @param id its row
	 * @param kind its kind
	 * @param source the page that sent it
	 * @param sourceHost that page's host
	 * @param author who wrote it
	 * @param excerpt its text, shortened
	 * @param note the note's permalink
	 * @param received when it came, ISO 8601
	 * @param receivedText the same for people
	 * @param approvable whether it can be approved from here
	 * @param rejectable whether it can be rejected from here
	 */
	record Row(long id, String kind, String source, String sourceHost, String author, String excerpt, String note,
			String received, String receivedText, boolean approvable, boolean rejectable) {

		String labelId() {
			return "mention-" + this.id + "-label";
		}

	}

}
