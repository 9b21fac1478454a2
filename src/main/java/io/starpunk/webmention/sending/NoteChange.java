package io.starpunk.webmention.sending;

/**
 * The payload of a {@value WebmentionJobs#FAN_OUT} job: a note changed, and the pages it
 * links to now or linked to before are to be told.
 *
 * @param noteId the note
 * @param change what happened to it ({@code CREATED}, {@code UPDATED}, {@code DELETED},
 * {@code RESTORED} or {@code PURGED}), for the owner to read
 */
record NoteChange(long noteId, String change) {
}
