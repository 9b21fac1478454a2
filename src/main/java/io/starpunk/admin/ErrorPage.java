package io.starpunk.admin;

/**
 * An error page in the owner's layout ({@code admin/error.jte}).
 *
 * @param status the HTTP status
 * @param heading what went wrong, in a few words
 * @param message what the owner can do about it
 */
record ErrorPage(int status, String heading, String message) {
}
