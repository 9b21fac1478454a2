package io.starpunk.indieauth;

/**
 * An authorization request refused without sending the browser back to the client
 * ({@code indieauth/error.jte}).
 *
 * @param status the HTTP status
 * @param heading what went wrong, in a few words
 * @param message why
 */
record AuthorizationErrorView(int status, String heading, String message) {
}
