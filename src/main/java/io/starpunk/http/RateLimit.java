package io.starpunk.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A token bucket: a burst of {@code burst} requests, then one more every
 * {@code interval}. It is kept as the generic cell rate algorithm keeps it, as one
 * instant in nanoseconds (when the bucket would be full again), so that it counts exactly
 * and a refused request costs nothing. One bucket for a global bound ({@link #global}),
 * or one per client address in an {@link AddressTable} ({@link #perAddress}).
 */
public final class RateLimit {

	private final long interval;

	private final long tolerance;

	private final Clock clock;

	private final AddressTable<Long> buckets;

	private final AtomicReference<Long> global = new AtomicReference<>(Long.MIN_VALUE);

	private RateLimit(int burst, Duration interval, Clock clock, int capacity) {
		if (burst < 1 || interval.isNegative() || interval.isZero()) {
			throw new IllegalArgumentException("a rate limit needs a burst of 1 or more and a positive interval");
		}
		this.interval = interval.toNanos();
		this.tolerance = this.interval * (burst - 1);
		this.clock = clock;
		this.buckets = (capacity > 0) ? new AddressTable<>(interval.multipliedBy(burst), capacity, clock) : null;
	}

	/**
	 * One bucket for everybody.
	 * @param burst how many requests pass at once
	 * @param interval how often one more passes after that
	 * @param clock the clock
	 * @return the limit
	 */
	public static RateLimit global(int burst, Duration interval, Clock clock) {
		return new RateLimit(burst, interval, clock, 0);
	}

	/**
	 * One bucket per client address, at most {@code addresses} of them; newcomers beyond
	 * that share one (see {@link AddressTable}).
	 * @param burst how many requests pass at once
	 * @param interval how often one more passes after that
	 * @param addresses how many addresses are told apart
	 * @param clock the clock
	 * @return the limit
	 */
	public static RateLimit perAddress(int burst, Duration interval, int addresses, Clock clock) {
		return new RateLimit(burst, interval, clock, addresses);
	}

	/**
	 * Takes a request from the one global bucket.
	 * @return empty when it may go on, else how long until one more may
	 */
	public Optional<Duration> take() {
		long now = nanos();
		Outcome outcome = new Outcome();
		this.global.updateAndGet((full) -> outcome.decide(full, now));
		return outcome.refusal();
	}

	/**
	 * Takes a request from an address's bucket.
	 * @param address the client address key
	 * @return empty when it may go on, else how long until one more may
	 */
	public Optional<Duration> take(String address) {
		if (this.buckets == null) {
			throw new IllegalStateException("this is a global limit");
		}
		long now = nanos();
		Outcome outcome = new Outcome();
		this.buckets.update(address, false, (full) -> outcome.decide((full != null) ? full : Long.MIN_VALUE, now));
		return outcome.refusal();
	}

	private long nanos() {
		Instant now = this.clock.instant();
		return Math.addExact(Math.multiplyExact(now.getEpochSecond(), 1_000_000_000L), now.getNano());
	}

	/** The decision about one request, made inside the atomic update. */
	private final class Outcome {

		private long waitNanos;

		long decide(long full, long now) {
			long start = Math.max(full, now);
			long over = start - now - RateLimit.this.tolerance;
			if (over > 0) {
				this.waitNanos = over;
				return full;
			}
			this.waitNanos = 0;
			return start + RateLimit.this.interval;
		}

		Optional<Duration> refusal() {
			return (this.waitNanos > 0) ? Optional.of(Duration.ofNanos(this.waitNanos)) : Optional.empty();
		}

	}

}
