package io.starpunk.syndication;

import java.util.LinkedHashSet;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.starpunk.config.StarpunkSettings;
import io.starpunk.jobs.JobQueue;
import io.starpunk.notes.NoteWritten;
import io.starpunk.notes.Notes;

/**
 * Turns the targets chosen with a note's create or update into one
 * {@value SyndicationJob#KIND} job per target, written in the note's transaction and due
 * when the note is (a scheduled note's copies wait for it). A draft is not syndicated.
 */
@Component
class SyndicationRequests {

	private final JobQueue jobs;

	private final Notes notes;

	private final StarpunkSettings settings;

	SyndicationRequests(JobQueue jobs, Notes notes, StarpunkSettings settings) {
		this.jobs = jobs;
		this.notes = notes;
		this.settings = settings;
	}

	@EventListener
	void noteWritten(NoteWritten written) {
		if (written.syndicateTo().isEmpty()
				|| (written.change() != NoteWritten.Change.CREATED && written.change() != NoteWritten.Change.UPDATED)) {
			return;
		}
		boolean published = this.notes.find(written.noteId()).map((note) -> note.visible()).orElse(false);
		if (!published) {
			return;
		}
		for (String uid : new LinkedHashSet<>(written.syndicateTo())) {
			if (this.settings.conversations().target(uid).isPresent()) {
				this.jobs.add(SyndicationJob.KIND, new SyndicationJob.Payload(written.noteId(), uid),
						written.publishedAt(), "note-" + written.noteId() + "-" + uid);
			}
		}
	}

}
