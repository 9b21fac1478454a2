package io.starpunk.notes;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.starpunk.jobs.JobHandler;
import io.starpunk.jobs.JobOutcome;
import io.starpunk.jobs.JobQueue;
import io.starpunk.jobs.JobRun;

/**
 * Notes dated in the future. Such a note stays off every public page, feed, tag page and
 * search (the queries of {@link NoteRepository}, {@link TagRepository} and
 * {@link SearchIndexRepository} keep only notes whose {@code created_at} has come); when
 * it is written a {@value #KIND} job is added in its transaction, due at its published
 * date, and that job announces {@link NotesChanged} so that the pre-rendered pages and
 * feeds show it, without a restart. Jobs with outside effects (webmentions, WebSub,
 * syndication) take {@link NoteWritten#publishedAt()} as their own start.
 */
@Component
class ScheduledNotes implements JobHandler {

	/** The kind of the job that makes a scheduled note public. */
	static final String KIND = "note-due";

	private static final Set<NoteWritten.Change> WRITES = EnumSet.of(NoteWritten.Change.CREATED,
			NoteWritten.Change.UPDATED, NoteWritten.Change.RESTORED);

	private final JobQueue jobs;

	private final NoteRepository notes;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	ScheduledNotes(JobQueue jobs, NoteRepository notes, ApplicationEventPublisher events, Clock clock) {
		this.jobs = jobs;
		this.notes = notes;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * In the note's transaction: a note dated later than now has a job waiting for its
	 * date (one per note; a later write moves it).
	 * @param written the change
	 */
	@EventListener
	void scheduleWhenDue(NoteWritten written) {
		if (WRITES.contains(written.change()) && written.publishedAt() != null
				&& written.publishedAt().isAfter(this.clock.instant())) {
			this.jobs.add(KIND, new Due(written.noteId()), written.publishedAt(), "note-" + written.noteId());
		}
	}

	@Override
	public String kind() {
		return KIND;
	}

	@Override
	public boolean local() {
		return true;
	}

	@Override
	public JobOutcome run(JobRun job) {
		long id = job.payloadAs(Due.class).note();
		Note note = this.notes.findById(id).orElse(null);
		if (note == null || note.deleted()) {
			return JobOutcome.done("Note " + id + " is gone; nothing to publish");
		}
		Instant now = this.clock.instant();
		if (note.createdAt().isAfter(now)) {
			return JobOutcome.later(note.createdAt(), "Note '" + note.slug() + "' is dated later");
		}
		this.events.publishEvent(new NotesChanged(now));
		return JobOutcome.done(note.published() ? "Note '" + note.slug() + "' is public now"
				: "Note '" + note.slug() + "' is due, but a draft");
	}

	/**
	 * The payload of a {@value #KIND} job.
	 *
	 * @param note the note's id
	 */
	record Due(long note) {
	}

}
