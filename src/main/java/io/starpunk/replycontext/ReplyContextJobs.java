package io.starpunk.replycontext;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.starpunk.config.AfterTransaction;
import io.starpunk.http.ConversationFetch;
import io.starpunk.http.FetchFailed;
import io.starpunk.http.OutboundRequest;
import io.starpunk.http.OutboundResponse;
import io.starpunk.jobs.JobHandler;
import io.starpunk.jobs.JobOutcome;
import io.starpunk.jobs.JobQueue;
import io.starpunk.jobs.JobRun;
import io.starpunk.notes.Note;
import io.starpunk.notes.NoteWritten;
import io.starpunk.notes.Notes;
import io.starpunk.notes.NotesChanged;
import io.starpunk.notes.Response;

/**
 * Fetching reply contexts. When a note is written, each page it replies to, likes,
 * reposts or bookmarks that has no context kept gets a {@value #KIND} job, added in the
 * note's transaction. The job fetches the page ({@link ConversationFetch}: 10 s, 5
 * redirects, 1 MB, public addresses only), keeps what it says about itself
 * ({@link PageSummary}) and announces {@link NotesChanged} so that the pages show it. A
 * page that is gone (404, 410) is done without a context; a server error or a broken
 * connection is tried again.
 */
@Component
class ReplyContextJobs implements JobHandler {

	static final String KIND = "reply-context";

	private static final Set<NoteWritten.Change> WRITES = EnumSet.of(NoteWritten.Change.CREATED,
			NoteWritten.Change.UPDATED, NoteWritten.Change.RESTORED);

	private final ReplyContextRepository contexts;

	private final Notes notes;

	private final JobQueue jobs;

	private final ConversationFetch fetch;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	ReplyContextJobs(ReplyContextRepository contexts, Notes notes, JobQueue jobs, ConversationFetch fetch,
			ApplicationEventPublisher events, Clock clock) {
		this.contexts = contexts;
		this.notes = notes;
		this.jobs = jobs;
		this.fetch = fetch;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * In the note's transaction: a job for each page it responds to whose context is not
	 * kept yet (one waiting job per page).
	 * @param written the change
	 */
	@EventListener
	void fetchContexts(NoteWritten written) {
		if (!WRITES.contains(written.change())) {
			return;
		}
		Optional<Note> note = this.notes.find(written.noteId());
		if (note.isEmpty()) {
			return;
		}
		for (Response response : this.notes.properties(note.get()).responses()) {
			if (!this.contexts.exists(response.url())) {
				this.jobs.add(KIND, new Page(response.url()), null, response.url());
			}
		}
	}

	@Override
	public String kind() {
		return KIND;
	}

	@Override
	public JobOutcome run(JobRun job) throws FetchFailed {
		String url = job.payloadAs(Page.class).url();
		URI address;
		try {
			address = URI.create(url);
		}
		catch (IllegalArgumentException ex) {
			return JobOutcome.failed("Not a URL that can be fetched");
		}
		OutboundResponse response;
		try {
			response = this.fetch.fetch()
				.send(OutboundRequest.get(address).header("Accept", "text/html, application/xhtml+xml;q=0.9"));
		}
		catch (FetchFailed ex) {
			if (ex.reason() == FetchFailed.Reason.NOT_ALLOWED_URL
					|| ex.reason() == FetchFailed.Reason.REFUSED_ADDRESS) {
				return JobOutcome.failed(ex.getMessage());
			}
			throw ex;
		}
		int status = response.status();
		if (status == 404 || status == 410) {
			return JobOutcome.done("The page answered " + status + "; no context");
		}
		if (status >= 500 || status == 429 || status == 408) {
			throw new IllegalStateException("The page answered " + status);
		}
		if (status >= 300) {
			return JobOutcome.failed("The page answered " + status + "; no context");
		}
		Instant now = this.clock.instant();
		String type = response.headers().firstValue("Content-Type").orElse(null);
		ReplyContext context = (type == null || html(type))
				? PageSummary.of(url, response.url().toString(), response.body(), now)
				: new ReplyContext(url, null, null, null, null, null, now);
		return JobOutcome.done(context.hasAnything() ? "Kept the context of the page" : "The page says nothing to show",
				() -> {
					this.contexts.save(context);
					AfterTransaction.onCommit("show the reply context of " + url,
							() -> this.events.publishEvent(new NotesChanged(this.clock.instant())));
				});
	}

	private static boolean html(String contentType) {
		String type = contentType.toLowerCase(Locale.ROOT);
		return type.startsWith("text/html") || type.startsWith("application/xhtml+xml");
	}

	/**
	 * The payload of a {@value #KIND} job.
	 *
	 * @param url the page
	 */
	record Page(String url) {
	}

}
