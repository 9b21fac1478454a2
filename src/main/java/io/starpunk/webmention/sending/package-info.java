/**
 * Sending webmentions: when a note is published, changed or deleted, every page it links
 * to (in its text and in {@code in-reply-to}, {@code like-of}, {@code repost-of},
 * {@code bookmark-of}), and every page it linked to before, is told through its
 * webmention endpoint, found as the Webmention spec says, by jobs of the queue.
 */
package io.starpunk.webmention.sending;
