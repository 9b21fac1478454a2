package io.starpunk.site;

/**
 * An error page.
 *
 * @param status the HTTP status code
 * @param heading what went wrong, in a few words
 * @param message what a reader can do about it
 */
record ErrorView(int status, String heading, String message) {
}
