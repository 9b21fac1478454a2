package io.starpunk.indieauth;

/**
 * What came of checking an authorization request.
 */
sealed interface AuthorizationCheck {

	/**
	 * The client_id or redirect_uri cannot be trusted: an error page, never a redirect.
	 *
	 * @param message why, for the owner
	 */
	record Refused(String message) implements AuthorizationCheck {
	}

	/**
	 * The redirect_uri is trusted but something else is wrong: the client hears of it.
	 *
	 * @param location the redirect_uri with {@code error}, {@code error_description},
	 * {@code state} and {@code iss}
	 */
	record Failed(String location) implements AuthorizationCheck {
	}

	/**
	 * Everything is in order.
	 *
	 * @param request the request
	 */
	record Valid(AuthorizationRequest request) implements AuthorizationCheck {
	}

}
