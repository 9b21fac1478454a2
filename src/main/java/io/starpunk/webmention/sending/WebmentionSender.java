package io.starpunk.webmention.sending;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.jsoup.Jsoup;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.starpunk.http.ConversationFetch;
import io.starpunk.http.FetchFailed;
import io.starpunk.http.OutboundRequest;
import io.starpunk.http.OutboundResponse;
import io.starpunk.jobs.JobHandler;
import io.starpunk.jobs.JobOutcome;
import io.starpunk.jobs.JobRun;

/**
 * Runs a {@value WebmentionJobs#SEND} job: finds the target's endpoint
 * ({@link EndpointDiscovery}) and POSTs {@code source} and {@code target} to it,
 * form-encoded, through {@link ConversationFetch} (public addresses only unless
 * {@code FETCH_ALLOW_PRIVATE=true}). A 2xx is done; a target without an endpoint is done,
 * with nothing sent; a 4xx (but 429) or a redirect is failed for good with the endpoint's
 * status and the start of its answer; a 5xx, a 429 or a server out of reach is tried
 * again later; an address the policy refuses is failed. What came of it is kept in
 * {@code sent_webmentions} and shown on {@code /admin/jobs}.
 */
@Component
class WebmentionSender implements JobHandler {

	/** How much of a refusal's body the owner is shown. */
	static final int EXCERPT = 200;

	/** Fetch failures that trying again cannot mend. */
	private static final Set<FetchFailed.Reason> FINAL = Set.of(FetchFailed.Reason.NOT_ALLOWED_URL,
			FetchFailed.Reason.REFUSED_ADDRESS, FetchFailed.Reason.BAD_REDIRECT, FetchFailed.Reason.TOO_MANY_REDIRECTS,
			FetchFailed.Reason.TOO_LARGE);

	private final EndpointDiscovery discovery;

	private final ConversationFetch fetch;

	private final SentWebmentions sent;

	private final TransactionTemplate transactions;

	private final Clock clock;

	WebmentionSender(EndpointDiscovery discovery, ConversationFetch fetch, SentWebmentions sent,
			TransactionTemplate transactions, Clock clock) {
		this.discovery = discovery;
		this.fetch = fetch;
		this.sent = sent;
		this.transactions = transactions;
		this.clock = clock;
	}

	@Override
	public String kind() {
		return WebmentionJobs.SEND;
	}

	@Override
	public JobOutcome run(JobRun job) throws TryLater, InterruptedException {
		Webmention webmention = job.payloadAs(Webmention.class);
		long noteId = webmention.noteId();
		URI target = URI.create(webmention.target());
		Optional<URI> found;
		try {
			found = this.discovery.discover(target);
		}
		catch (FetchFailed ex) {
			return failure(ex, "Could not fetch " + target + " to find its webmention endpoint");
		}
		if (found.isEmpty()) {
			return JobOutcome.done("No webmention endpoint at " + target,
					() -> this.sent.sent(noteId, target, null, null, this.clock.instant()));
		}
		URI endpoint = found.get();
		String form = "source=" + URLEncoder.encode(webmention.source(), StandardCharsets.UTF_8) + "&target="
				+ URLEncoder.encode(webmention.target(), StandardCharsets.UTF_8);
		OutboundResponse answer;
		try {
			answer = this.fetch.fetch()
				.send(OutboundRequest.postForm(endpoint, form).header("Accept", "*/*").truncatedAt(16 * 1024));
		}
		catch (FetchFailed ex) {
			return failure(ex, "Could not send the webmention for " + target + " to " + endpoint);
		}
		int status = answer.status();
		String what = status + " from " + endpoint + " for " + target;
		if (status >= 200 && status < 300) {
			return JobOutcome.done(what, () -> this.sent.sent(noteId, target, endpoint, status, this.clock.instant()));
		}
		if (status >= 500 || status == 429) {
			throw new TryLater(what);
		}
		// a failed job records no writes of its own: this one has a transaction to itself
		this.transactions.executeWithoutResult(
				(transaction) -> this.sent.sent(noteId, target, endpoint, status, this.clock.instant()));
		String excerpt = excerpt(answer);
		return JobOutcome.failed(excerpt.isEmpty() ? what : what + ": " + excerpt);
	}

	private static JobOutcome failure(FetchFailed ex, String what) throws TryLater, InterruptedException {
		if (ex.reason() == FetchFailed.Reason.INTERRUPTED) {
			throw new InterruptedException(ex.getMessage());
		}
		if (FINAL.contains(ex.reason())) {
			return JobOutcome.failed(what + ": " + ex.getMessage());
		}
		throw new TryLater(what + ": " + ex.getMessage());
	}

	/**
	 * The start of an answer, as one line of text (an HTML page's text, not its tags).
	 */
	static String excerpt(OutboundResponse answer) {
		String type = answer.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
		String body = type.contains("html") ? Jsoup.parse(answer.text()).text() : answer.text();
		String line = body.replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
		return (line.length() <= EXCERPT) ? line : line.substring(0, EXCERPT - 1) + "…";
	}

}
