package io.starpunk.webmention;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.starpunk.config.StarpunkSettings;
import io.starpunk.http.RateLimit;
import io.starpunk.jobs.JobQueue;
import io.starpunk.notes.Note;

/**
 * A webmention as it arrives: the checks made at once (both URLs http(s), different, the
 * target a published note here, the source's domain not blocked), at most
 * {@link #PER_MINUTE} a minute from one source host, and, once accepted, its request row
 * and its verification job written in one transaction. A source sent again for the same
 * target before it was checked joins the job already waiting, so a burst neither grows
 * the queue nor the disk beyond the rate limit's allowance.
 */
@Component
class Reception {

	/** The most webmentions a source host may send in a minute. */
	static final int PER_MINUTE = 60;

	/** How many source hosts the rate limit tells apart; newcomers beyond share one. */
	static final int HOSTS = 10_000;

	/** How long a request's status is kept. */
	static final Duration KEPT = Duration.ofDays(30);

	private final Targets targets;

	private final RequestRepository requests;

	private final MentionRepository mentions;

	private final JobQueue jobs;

	private final TransactionTemplate transactions;

	private final StarpunkSettings settings;

	private final Clock clock;

	private final SecureRandom random;

	private final RateLimit limit;

	Reception(Targets targets, RequestRepository requests, MentionRepository mentions, JobQueue jobs,
			TransactionTemplate transactions, StarpunkSettings settings, Clock clock, SecureRandom random) {
		this.targets = targets;
		this.requests = requests;
		this.mentions = mentions;
		this.jobs = jobs;
		this.transactions = transactions;
		this.settings = settings;
		this.clock = clock;
		this.random = random;
		this.limit = RateLimit.perAddress(PER_MINUTE, Duration.ofMinutes(1).dividedBy(PER_MINUTE), HOSTS, clock);
	}

	/**
	 * Checks a webmention and, when it may be verified, queues it.
	 * @param sourceText the {@code source} sent
	 * @param targetText the {@code target} sent
	 * @return what to answer
	 */
	Outcome receive(String sourceText, String targetText) {
		if (sourceText == null || targetText == null || sourceText.isBlank() || targetText.isBlank()) {
			return new Refused("Both source and target are required, form-encoded.");
		}
		Optional<URI> source = Targets.httpUrl(sourceText);
		if (source.isEmpty()) {
			return new Refused("The source must be an absolute http or https URL.");
		}
		Optional<URI> target = Targets.httpUrl(targetText);
		if (target.isEmpty()) {
			return new Refused("The target must be an absolute http or https URL.");
		}
		if (Targets.same(source.get(), target.get())) {
			return new Refused("The source and the target must be different pages.");
		}
		String host = Targets.host(source.get());
		Optional<Duration> wait = this.limit.take(host);
		if (wait.isPresent()) {
			return new Limited(wait.get());
		}
		Optional<Note> note = this.targets.note(target.get());
		if (note.isEmpty()) {
			return new Refused("The target is not a published note of this site.");
		}
		if (this.mentions.blocked(host)) {
			return new Refused("Webmentions from this domain are not accepted.");
		}
		String id = HexFormat.of().formatHex(bytes());
		String sourceUrl = source.get().toString();
		String targetUrl = target.get().toString();
		Instant now = this.clock.instant();
		this.transactions.executeWithoutResult((status) -> {
			this.requests.forgetBefore(now.minus(KEPT));
			this.requests.insert(id, sourceUrl, targetUrl, host, now);
			this.jobs.add(VerifyWebmention.KIND, new VerifyWebmention.Verify(sourceUrl, targetUrl), null,
					sourceUrl + " " + targetUrl);
		});
		return new Accepted(this.settings.url("webmention", "requests", id));
	}

	private byte[] bytes() {
		byte[] bytes = new byte[16];
		this.random.nextBytes(bytes);
		return bytes;
	}

	/** What to answer a webmention. */
	sealed interface Outcome permits Accepted, Refused, Limited {

	}

	/**
	 * Queued for verification.
	 *
	 * @param status the request's status URL
	 */
	record Accepted(URI status) implements Outcome {
	}

	/**
	 * Refused at once, 400.
	 *
	 * @param reason why, for the sender
	 */
	record Refused(String reason) implements Outcome {
	}

	/**
	 * Over the rate limit, 429.
	 *
	 * @param retryAfter how long until the host may send one more
	 */
	record Limited(Duration retryAfter) implements Outcome {
	}

}
