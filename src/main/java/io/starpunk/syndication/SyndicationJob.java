package io.starpunk.syndication;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import io.starpunk.config.StarpunkSettings;
import io.starpunk.config.StarpunkSettings.SyndicationTarget;
import io.starpunk.jobs.JobHandler;
import io.starpunk.jobs.JobOutcome;
import io.starpunk.jobs.JobRun;
import io.starpunk.notes.Note;
import io.starpunk.notes.NoteService;
import io.starpunk.notes.Notes;

/**
 * Runs a {@value #KIND} job: posts the note's copy to one target, read from
 * {@code SYNDICATE_TO} now (the job holds the target's uid, never its token), and adds
 * the copy's URL to the note's {@code syndication} with the job's completion. A note not
 * public yet (scheduled) waits; one that became a draft or was deleted is not posted.
 */
@Component
class SyndicationJob implements JobHandler {

	static final String KIND = "syndicate";

	private final Notes notes;

	private final NoteService noteService;

	private final StarpunkSettings settings;

	private final Clock clock;

	private final Map<String, Syndicator> syndicators;

	SyndicationJob(Notes notes, NoteService noteService, StarpunkSettings settings, Clock clock,
			List<Syndicator> syndicators) {
		this.notes = notes;
		this.noteService = noteService;
		this.settings = settings;
		this.clock = clock;
		this.syndicators = syndicators.stream().collect(Collectors.toMap(Syndicator::type, Function.identity()));
	}

	@Override
	public String kind() {
		return KIND;
	}

	@Override
	public JobOutcome run(JobRun job) throws TargetUnavailable {
		Payload payload = job.payloadAs(Payload.class);
		Optional<SyndicationTarget> found = this.settings.conversations().target(payload.uid());
		if (found.isEmpty()) {
			return JobOutcome.failed("The syndication target " + payload.uid() + " is no longer in SYNDICATE_TO");
		}
		SyndicationTarget target = found.get();
		Optional<Note> note = this.notes.find(payload.noteId());
		if (note.isEmpty() || note.get().deleted()) {
			return JobOutcome.done("Note " + payload.noteId() + " was deleted; nothing was sent to " + target.name());
		}
		if (!note.get().published()) {
			return JobOutcome.done("Note " + payload.noteId() + " is a draft; nothing was sent to " + target.name());
		}
		if (note.get().createdAt().isAfter(this.clock.instant())) {
			return JobOutcome.later(note.get().createdAt(), "Note " + payload.noteId() + " is scheduled");
		}
		String permalink = this.settings.url("notes", note.get().slug()).toString();
		Post post = new Post(note.get().id(), this.notes.text(note.get()).plain(), permalink,
				"starpunk-" + note.get().id() + "-" + job.id());
		try {
			String url = this.syndicators.get(target.type()).post(target, post);
			return JobOutcome.done("Syndicated " + permalink + " to " + target.name() + ": " + url,
					() -> this.noteService.addSyndication(note.get().id(), url));
		}
		catch (TargetRefused ex) {
			return JobOutcome.failed(ex.getMessage());
		}
	}

	/**
	 * What a {@value #KIND} job holds.
	 *
	 * @param noteId the note
	 * @param uid the target's uid
	 */
	record Payload(long noteId, String uid) {
	}

}
