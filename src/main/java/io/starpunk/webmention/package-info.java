/**
 * Receiving webmentions: the endpoint ({@code POST /webmention}) with its synchronous
 * checks and per-host rate limit, the status of each request, the verification job that
 * fetches the source, reads its microformats and keeps a mention of a note, the owner's
 * moderation ({@link io.starpunk.webmention.Mentions}) and the approved mentions a note's
 * page shows. It owns the {@code mentions}, {@code webmention_requests} and
 * {@code blocked_domains} tables.
 */
package io.starpunk.webmention;
