package io.starpunk.webmention;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.starpunk.config.AfterTransaction;
import io.starpunk.config.StarpunkSettings;
import io.starpunk.http.ConversationFetch;
import io.starpunk.http.FetchFailed;
import io.starpunk.http.OutboundRequest;
import io.starpunk.http.OutboundResponse;
import io.starpunk.jobs.JobHandler;
import io.starpunk.jobs.JobOutcome;
import io.starpunk.jobs.JobRun;
import io.starpunk.microformats.Citation;
import io.starpunk.microformats.Microformats;
import io.starpunk.notes.MarkdownRenderer;
import io.starpunk.notes.Note;
import io.starpunk.notes.NotesChanged;

/**
 * Verifies a received webmention ({@code webmention-verify}): fetches the source with
 * {@link ConversationFetch} (10 s, 5 redirects, the first 1 MB, public addresses only
 * unless {@code FETCH_ALLOW_PRIVATE=true}), checks that it still links to the target,
 * reads its microformats and keeps the mention, sanitised: pending, or approved at once
 * for a trusted domain (an approved or rejected mention keeps the owner's decision). A
 * source that answers 404 or 410, or no longer links to the target, removes the mention.
 * A source that cannot be reached is tried again; one whose address is refused is not.
 */
@Component
class VerifyWebmention implements JobHandler {

	static final String KIND = "webmention-verify";

	/** The longest text kept of a field (a name, a URL). */
	static final int FIELD_MAX = 500;

	/** The longest content kept, in characters. */
	static final int CONTENT_MAX = 20_000;

	private static final Set<FetchFailed.Reason> FINAL = Set.of(FetchFailed.Reason.REFUSED_ADDRESS,
			FetchFailed.Reason.NOT_ALLOWED_URL, FetchFailed.Reason.BAD_REDIRECT, FetchFailed.Reason.TOO_MANY_REDIRECTS);

	private final ConversationFetch fetch;

	private final Targets targets;

	private final MentionRepository mentions;

	private final RequestRepository requests;

	private final MarkdownRenderer renderer;

	private final TransactionTemplate transactions;

	private final ApplicationEventPublisher events;

	private final StarpunkSettings settings;

	private final Clock clock;

	VerifyWebmention(ConversationFetch fetch, Targets targets, MentionRepository mentions, RequestRepository requests,
			MarkdownRenderer renderer, TransactionTemplate transactions, ApplicationEventPublisher events,
			StarpunkSettings settings, Clock clock) {
		this.fetch = fetch;
		this.targets = targets;
		this.mentions = mentions;
		this.requests = requests;
		this.renderer = renderer;
		this.transactions = transactions;
		this.events = events;
		this.settings = settings;
		this.clock = clock;
	}

	@Override
	public String kind() {
		return KIND;
	}

	@Override
	public JobOutcome run(JobRun job) {
		Verify verify = job.payloadAs(Verify.class);
		URI source = URI.create(verify.source());
		URI target = URI.create(verify.target());
		String host = Targets.host(source);
		Optional<Note> note = this.targets.note(target);
		if (note.isEmpty()) {
			return remove(verify, "refused", "The target is no longer a published note.");
		}
		if (this.mentions.blocked(host)) {
			return remove(verify, "refused", "Webmentions from this domain are not accepted.");
		}
		OutboundResponse response;
		try {
			response = this.fetch.fetch()
				.send(OutboundRequest.get(source)
					.truncatedAt(ConversationFetch.LIMITS.maxBytes())
					.header("Accept", "text/html, application/xhtml+xml;q=0.9, text/plain;q=0.5, */*;q=0.1"));
		}
		catch (FetchFailed ex) {
			if (FINAL.contains(ex.reason())) {
				settleNow(verify, "refused", ex.getMessage());
				return JobOutcome.failed(ex.getMessage());
			}
			if (job.attempt() >= this.settings.conversations().jobMaxAttempts()) {
				settleNow(verify, "refused", ex.getMessage());
			}
			throw new IllegalStateException(ex.getMessage());
		}
		int status = response.status();
		if (status == 404 || status == 410) {
			return remove(verify, "refused", "The source answered " + status + ".");
		}
		if (status == 429 || status >= 500) {
			String why = host + " answered " + status;
			if (job.attempt() >= this.settings.conversations().jobMaxAttempts()) {
				settleNow(verify, "refused", why);
			}
			throw new IllegalStateException(why);
		}
		if (status < 200 || status > 299) {
			return remove(verify, "refused", "The source answered " + status + ".");
		}
		String type = response.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
		boolean html = type.isEmpty() || type.contains("html");
		Document document = html ? parse(response) : null;
		boolean links = html ? linksTo(document, target) : response.text().contains(verify.target());
		if (!links) {
			return remove(verify, "refused", "The source does not link to the target.");
		}
		Citation citation = html ? Citation.of(Microformats.parse(document, response.url()), source, target)
				: new Citation(Citation.Kind.MENTION, verify.source(), Citation.Author.NONE, null, null, null, null,
						null);
		MentionRepository.Verified verified = verified(citation, source);
		String trusted = this.settings.conversations().trusted(host) ? Mention.APPROVED : Mention.PENDING;
		long noteId = note.get().id();
		return JobOutcome.done("Verified: a " + verified.kind() + " of note " + noteId, () -> {
			Optional<Mention> before = this.mentions.find(verify.source(), verify.target());
			String status2 = before.map(Mention::status)
				.filter((kept) -> !kept.equals(Mention.PENDING))
				.orElse(trusted);
			Instant now = this.clock.instant();
			this.mentions.upsert(noteId, verify.source(), verify.target(), host, status2, verified, now);
			this.requests.settle(verify.source(), verify.target(), "verified", null, now);
			if (status2.equals(Mention.APPROVED)) {
				changed();
			}
		});
	}

	private static Document parse(OutboundResponse response) {
		try {
			return Jsoup.parse(new ByteArrayInputStream(response.body()), null, response.url().toString());
		}
		catch (IOException ex) {
			return Jsoup.parse(response.text(), response.url().toString());
		}
	}

	/**
	 * Whether a page links to the target: a link, an image, a media or embedded source.
	 */
	private static boolean linksTo(Document document, URI target) {
		for (Element element : document.select("a[href], area[href], link[href], img[src], video[src], "
				+ "audio[src], source[src], iframe[src], embed[src], object[data]")) {
			String attribute = element.hasAttr("href") ? "href" : element.hasAttr("src") ? "src" : "data";
			String url = element.absUrl(attribute);
			if (!url.isEmpty() && Targets.same(url, target)) {
				return true;
			}
		}
		return false;
	}

	/** What a citation says, made safe to store and show. */
	private MentionRepository.Verified verified(Citation citation, URI source) {
		String html = null;
		if (citation.contentHtml() != null) {
			html = this.renderer.sanitiseHtml(cut(citation.contentHtml(), CONTENT_MAX * 4));
			html = html.isBlank() ? null : html;
		}
		String text = (citation.contentText() != null) ? cut(citation.contentText().strip(), CONTENT_MAX) : null;
		if (text != null && text.isEmpty()) {
			text = null;
		}
		if (text == null && citation.name() != null) {
			text = cut(citation.name(), CONTENT_MAX);
		}
		String url = httpOnly(citation.url());
		return new MentionRepository.Verified(citation.kind().value(), (url != null) ? url : source.toString(),
				field(citation.author().name()), httpOnly(citation.author().url()), httpOnly(citation.author().photo()),
				html, text, field(citation.rsvp()), field(citation.published()));
	}

	private static String httpOnly(String url) {
		if (url == null || url.length() > Targets.MAX_URL) {
			return null;
		}
		return Targets.httpUrl(url).map(URI::toString).orElse(null);
	}

	private static String field(String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		return cut(value.strip(), FIELD_MAX);
	}

	private static String cut(String text, int max) {
		return (text.length() <= max) ? text : text.substring(0, max);
	}

	/** Removes the mention, if any, and settles the request; done. */
	private JobOutcome remove(Verify verify, String state, String reason) {
		return JobOutcome.done(reason, () -> {
			Optional<Mention> before = this.mentions.find(verify.source(), verify.target());
			this.mentions.delete(verify.source(), verify.target());
			boolean existed = before.isPresent();
			this.requests.settle(verify.source(), verify.target(), existed ? "removed" : state, reason,
					this.clock.instant());
			if (before.map(Mention::status).filter(Mention.APPROVED::equals).isPresent()) {
				changed();
			}
		});
	}

	private void settleNow(Verify verify, String state, String reason) {
		this.transactions.executeWithoutResult((status) -> this.requests.settle(verify.source(), verify.target(), state,
				reason, this.clock.instant()));
	}

	private void changed() {
		AfterTransaction.onCommit("re-render the pages with mentions",
				() -> this.events.publishEvent(new NotesChanged(this.clock.instant())));
	}

	/**
	 * The job's payload.
	 *
	 * @param source the source URL
	 * @param target the target URL
	 */
	record Verify(String source, String target) {
	}

}
