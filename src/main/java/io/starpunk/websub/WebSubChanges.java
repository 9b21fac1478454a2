package io.starpunk.websub;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.starpunk.config.StarpunkSettings;
import io.starpunk.jobs.JobQueue;
import io.starpunk.notes.Note;
import io.starpunk.notes.NoteWritten;
import io.starpunk.notes.Notes;

/**
 * Turns every change to a public note (created, updated, deleted, restored, purged) into
 * one {@value WebSubPing#KIND} job per hub, written in the note's transaction. The job is
 * keyed by hub, so a burst of changes waits as one ping; a scheduled note's ping is due
 * when the note is, and kept apart from the pings due now. A draft's change pings
 * nothing: the feeds did not change.
 */
@Component
class WebSubChanges {

	private final JobQueue jobs;

	private final Notes notes;

	private final StarpunkSettings settings;

	private final Clock clock;

	WebSubChanges(JobQueue jobs, Notes notes, StarpunkSettings settings, Clock clock) {
		this.jobs = jobs;
		this.notes = notes;
		this.settings = settings;
		this.clock = clock;
	}

	@EventListener
	void noteWritten(NoteWritten written) {
		if (this.settings.conversations().websubHubs().isEmpty() || !shows(written)) {
			return;
		}
		Instant now = this.clock.instant();
		boolean scheduled = written.publishedAt() != null && written.publishedAt().isAfter(now);
		Instant due = scheduled ? written.publishedAt() : now;
		for (URI hub : this.settings.conversations().websubHubs()) {
			String key = hub + (scheduled ? " at " + due : " now");
			this.jobs.add(WebSubPing.KIND, new WebSubPing.Payload(hub.toString()), due, key);
		}
	}

	/**
	 * Whether the change shows in the feeds: the note is published (a deleted one was,
	 * until now), or it was purged (its row is gone, so whether it was public cannot be
	 * told; a ping too many costs the hub one fetch).
	 */
	private boolean shows(NoteWritten written) {
		if (written.change() == NoteWritten.Change.PURGED) {
			return true;
		}
		return this.notes.find(written.noteId()).map(Note::published).orElse(true);
	}

}
