package io.starpunk.webmention.sending;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import io.starpunk.config.StarpunkSettings;
import io.starpunk.jobs.JobHandler;
import io.starpunk.jobs.JobOutcome;
import io.starpunk.jobs.JobQueue;
import io.starpunk.jobs.JobRun;
import io.starpunk.notes.Note;
import io.starpunk.notes.Notes;

/**
 * Runs a {@value WebmentionJobs#FAN_OUT} job: works out whom a note's change concerns and
 * adds one {@value WebmentionJobs#SEND} job per target. A public note (published, not
 * deleted, its date passed) tells the pages it links to now and every page it told before
 * (a link taken out is told too, and finds the link gone); a note deleted, purged or made
 * a draft tells every page it told before, which find it gone. A note whose date is still
 * to come waits for it. The targets are recorded in {@code sent_webmentions} with the
 * jobs, in the job's own transaction.
 */
@Component
class NoteFanOut implements JobHandler {

	private final Notes notes;

	private final NoteLinks links;

	private final SentWebmentions sent;

	private final JobQueue queue;

	private final StarpunkSettings settings;

	private final Clock clock;

	NoteFanOut(Notes notes, NoteLinks links, SentWebmentions sent, JobQueue queue, StarpunkSettings settings,
			Clock clock) {
		this.notes = notes;
		this.links = links;
		this.sent = sent;
		this.queue = queue;
		this.settings = settings;
		this.clock = clock;
	}

	@Override
	public String kind() {
		return WebmentionJobs.FAN_OUT;
	}

	@Override
	public boolean local() {
		return true;
	}

	@Override
	public JobOutcome run(JobRun job) {
		long id = job.payloadAs(NoteChange.class).noteId();
		Optional<Note> note = this.notes.find(id);
		Instant now = this.clock.instant();
		if (note.isPresent() && note.get().visible() && note.get().createdAt().isAfter(now)) {
			return JobOutcome.later(note.get().createdAt(),
					"Note " + id + " is published at " + note.get().createdAt() + "; its webmentions wait until then");
		}
		List<SentWebmentions.Target> before = this.sent.targets(id);
		URI source = note.map((found) -> this.settings.url("notes", found.slug()))
			.or(() -> before.stream()
				.map(SentWebmentions.Target::source)
				.filter(Objects::nonNull)
				.findFirst()
				.map(URI::create))
			.orElse(null);
		boolean visible = note.map(Note::visible).orElse(false);
		Set<URI> targets = new LinkedHashSet<>();
		if (visible) {
			targets.addAll(this.links.of(note.get(), source));
		}
		before.forEach((target) -> targets.add(URI.create(target.target())));
		String what = visible ? "public"
				: note.map((found) -> found.deleted() ? "deleted" : "a draft").orElse("purged");
		if (targets.isEmpty() || source == null) {
			return JobOutcome.done("Nothing to notify for note " + id + " (" + what + ")");
		}
		String summary = "Notifying " + targets.size() + ((targets.size() == 1) ? " target" : " targets") + " of "
				+ source + " (" + what + "): " + targets.stream().map(URI::toString).collect(Collectors.joining(", "));
		return JobOutcome.done(summary, () -> {
			for (URI target : targets) {
				this.sent.remember(id, source, target);
				this.queue.add(WebmentionJobs.SEND, new Webmention(id, source.toString(), target.toString()), null,
						WebmentionJobs.key(id, target.toString()));
			}
		});
	}

}
