package io.starpunk.webmention.sending;

import java.time.Clock;
import java.time.Instant;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.starpunk.jobs.JobQueue;
import io.starpunk.notes.Note;
import io.starpunk.notes.NoteWritten;
import io.starpunk.notes.Notes;

/**
 * Turns a change to a note into one {@value #FAN_OUT} job, written in the note's own
 * transaction: for a public note created, changed or restored, due when the note is
 * published (later, for a scheduled note); for a note deleted, purged or made a draft,
 * due now, when it had targets to tell. A draft that never was public sends nothing. The
 * job is keyed by the note, so a burst of edits leaves one job waiting, and it works out
 * the targets when it runs, from the note as it is then.
 */
@Component
class WebmentionJobs {

	/** The job that works out a note's targets and adds one {@link #SEND} job each. */
	static final String FAN_OUT = "webmention-note";

	/** The job that sends one webmention. */
	static final String SEND = "webmention-send";

	private final JobQueue queue;

	private final Notes notes;

	private final SentWebmentions sent;

	private final Clock clock;

	WebmentionJobs(JobQueue queue, Notes notes, SentWebmentions sent, Clock clock) {
		this.queue = queue;
		this.notes = notes;
		this.sent = sent;
		this.clock = clock;
	}

	@EventListener
	void noteWritten(NoteWritten event) {
		long id = event.noteId();
		Instant due = null;
		boolean gone = event.change() == NoteWritten.Change.DELETED || event.change() == NoteWritten.Change.PURGED;
		boolean visible = !gone && this.notes.find(id).map(Note::visible).orElse(false);
		if (!visible && !this.sent.any(id)) {
			// a draft, or a note gone before it told anyone: nobody to tell
			return;
		}
		if (visible && event.publishedAt() != null && event.publishedAt().isAfter(this.clock.instant())) {
			due = event.publishedAt();
		}
		this.queue.add(FAN_OUT, new NoteChange(id, event.change().name()), due, key(id));
	}

	static String key(long noteId) {
		return "note " + noteId;
	}

	static String key(long noteId, String target) {
		return "note " + noteId + " " + target;
	}

}
