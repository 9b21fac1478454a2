package io.starpunk.indieauth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * A token bucket per client address for the token endpoint: {@link #CAPACITY} requests at
 * once, refilled at that many per {@link #PERIOD}. At most {@link #MAX_ADDRESSES}
 * addresses are remembered; full buckets are forgotten first.
 */
@Component
class TokenRateLimit {

	static final int CAPACITY = 30;

	static final Duration PERIOD = Duration.ofSeconds(10);

	static final int MAX_ADDRESSES = 10_000;

	private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

	private final Clock clock;

	TokenRateLimit(Clock clock) {
		this.clock = clock;
	}

	/**
	 * Takes one request from an address's bucket.
	 * @param address the client address
	 * @return empty when the request may go on, else how long to wait
	 */
	Optional<Duration> take(String address) {
		Instant now = this.clock.instant();
		if (this.buckets.size() >= MAX_ADDRESSES && !this.buckets.containsKey(address)) {
			this.buckets.values().removeIf((bucket) -> bucket.tokensAt(now) >= CAPACITY);
			if (this.buckets.size() >= MAX_ADDRESSES) {
				this.buckets.clear();
			}
		}
		Bucket[] result = new Bucket[1];
		this.buckets.compute(address, (key, bucket) -> {
			double tokens = (bucket != null) ? bucket.tokensAt(now) : CAPACITY;
			Bucket next = (tokens >= 1) ? new Bucket(tokens - 1, now, true) : new Bucket(tokens, now, false);
			result[0] = next;
			return next;
		});
		if (result[0].allowed()) {
			return Optional.empty();
		}
		double missing = 1 - result[0].tokens();
		long seconds = (long) Math.ceil(missing * PERIOD.toSeconds() / CAPACITY);
		return Optional.of(Duration.ofSeconds(Math.max(1, seconds)));
	}

	/** Forgets every address (tests that make many requests start from a full bucket). */
	void reset() {
		this.buckets.clear();
	}

	private record Bucket(double tokens, Instant at, boolean allowed) {

		double tokensAt(Instant now) {
			double elapsed = Math.max(0, Duration.between(this.at, now).toNanos()) / 1e9;
			return Math.min(CAPACITY, this.tokens + elapsed * CAPACITY / PERIOD.toSeconds());
		}

	}

}
