package io.starpunk.webmention.sending;

/**
 * The payload of a {@value WebmentionJobs#SEND} job: one webmention to send.
 *
 * @param noteId the note it is about
 * @param source the note's URL
 * @param target the page it links to, or linked to before
 */
record Webmention(long noteId, String source, String target) {
}
