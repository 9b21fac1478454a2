package io.starpunk.admin;

import java.util.List;

/**
 * The owner's tokens ({@code admin/tokens.jte}), by client.
 *
 * @param flash the message about what a form just did, or {@code null}
 * @param clients the clients holding tokens, each with its tokens
 */
record TokensView(String flash, List<Client> clients) {

	/**
	 * A client and its tokens.
	 *
	 * @param name the client_id, or a stand-in for tokens without one
	 * @param tokens its tokens, newest first
	 */
	record Client(String name, List<Row> tokens) {
	}

	/**
	 * A token.
	 *
	 * @param id its row id
	 * @param scope its scopes, or a stand-in for none
	 * @param created when it was issued, ISO 8601
	 * @param createdText the same for people
	 * @param lastUsedText when it was last used, for people
	 * @param expiresText when it expires, for people
	 * @param renewableText until when a refresh renews it, for people, or {@code null}
	 */
	record Row(long id, String scope, String created, String createdText, String lastUsedText, String expiresText,
			String renewableText) {

		String labelId() {
			return "token-" + this.id + "-label";
		}

	}

}
