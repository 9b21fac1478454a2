/**
 * Reply contexts: what a reply, like, repost or bookmark is about (the page's title, its
 * author, a short excerpt), fetched once as a job and kept in {@code reply_contexts}.
 */
package io.starpunk.replycontext;
