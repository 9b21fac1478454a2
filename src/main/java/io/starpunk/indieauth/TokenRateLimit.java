package io.starpunk.indieauth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.stereotype.Component;

import io.starpunk.config.ClockTicker;

/**
 * A token bucket per client address for the token endpoint: {@link #CAPACITY} requests at
 * once, refilled at that many per {@link #PERIOD}. The buckets are a Caffeine cache of at
 * most {@link #MAX_ADDRESSES}; a bucket untouched for a {@link #PERIOD} is full again, so
 * it is forgotten then.
 */
@Component
class TokenRateLimit {

	static final int CAPACITY = 30;

	static final Duration PERIOD = Duration.ofSeconds(10);

	static final int MAX_ADDRESSES = 10_000;

	private final Cache<String, Bucket> buckets;

	private final Clock clock;

	TokenRateLimit(Clock clock) {
		this.clock = clock;
		this.buckets = Caffeine.newBuilder()
			.expireAfterWrite(PERIOD)
			.maximumSize(MAX_ADDRESSES)
			.ticker(new ClockTicker(clock))
			.build();
	}

	/**
	 * Takes one request from an address's bucket.
	 * @param address the client address
	 * @return empty when the request may go on, else how long to wait
	 */
	Optional<Duration> take(String address) {
		Instant now = this.clock.instant();
		Bucket result = this.buckets.asMap().compute(address, (key, bucket) -> {
			double tokens = (bucket != null) ? bucket.tokensAt(now) : CAPACITY;
			return (tokens >= 1) ? new Bucket(tokens - 1, now, true) : new Bucket(tokens, now, false);
		});
		if (result.allowed()) {
			return Optional.empty();
		}
		double missing = 1 - result.tokens();
		long seconds = (long) Math.ceil(missing * PERIOD.toSeconds() / CAPACITY);
		return Optional.of(Duration.ofSeconds(Math.max(1, seconds)));
	}

	private record Bucket(double tokens, Instant at, boolean allowed) {

		double tokensAt(Instant now) {
			double elapsed = Math.max(0, Duration.between(this.at, now).toNanos()) / 1e9;
			return Math.min(CAPACITY, this.tokens + elapsed * CAPACITY / PERIOD.toSeconds());
		}

	}

}
