package io.starpunk.notes;

import java.time.Instant;
import java.util.List;

/**
 * Published inside the transaction that changes a note, before it commits: a listener's
 * writes (the jobs the change leads to: webmentions, WebSub pings, syndication) commit or
 * roll back with the note. Listeners only write to the database; anything slow or outside
 * this machine is a job.
 *
 * @param noteId the note
 * @param change what happened to it
 * @param publishedAt its published date (in the future for a scheduled note)
 * @param syndicateTo the syndication targets (uids) the author asked for with this
 * change, none when not asked
 */
public record NoteWritten(long noteId, Change change, Instant publishedAt, List<String> syndicateTo) {

	public NoteWritten {
		syndicateTo = (syndicateTo != null) ? List.copyOf(syndicateTo) : List.of();
	}

	/** What happened to a note. */
	public enum Change {

		/** A new note. */
		CREATED,

		/** Its text, properties or published flag changed. */
		UPDATED,

		/** Deleted, but restorable; its URL answers 410. */
		DELETED,

		/** Brought back after a delete. */
		RESTORED,

		/** Removed for good. */
		PURGED

	}

}
