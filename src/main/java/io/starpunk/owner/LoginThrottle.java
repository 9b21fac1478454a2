package io.starpunk.owner;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.stereotype.Component;

import io.starpunk.config.ClockTicker;

/**
 * Failed sign-ins, counted per client address. Five are free within fifteen minutes;
 * after that the address waits one minute, then two, four, eight, and never more than
 * fifteen, and attempts while it waits are refused unchecked and uncounted. So a guesser
 * gets a few dozen tries an hour at most, and nobody, the owner included, is shut out for
 * longer than fifteen minutes at a time, nor at all from another address.
 * <p>
 * The failures are a Caffeine cache of at most {@link #MAX_ADDRESSES}, each forgotten
 * soon after it no longer counts: a {@link #WINDOW} after the last failure, when any wait
 * it caused is over too.
 */
@Component
class LoginThrottle {

	static final int FREE_FAILURES = 5;

	static final Duration WINDOW = Duration.ofMinutes(15);

	static final Duration FIRST_WAIT = Duration.ofMinutes(1);

	static final Duration LONGEST_WAIT = Duration.ofMinutes(15);

	/** Addresses remembered at most. */
	static final int MAX_ADDRESSES = 10_000;

	private final Cache<String, Failures> failures;

	private final Clock clock;

	LoginThrottle(Clock clock) {
		this.clock = clock;
		this.failures = Caffeine.newBuilder()
			// whether a failure still counts is decided below; this only forgets, a
			// little after it cannot count any more
			.expireAfterWrite(((WINDOW.compareTo(LONGEST_WAIT) >= 0) ? WINDOW : LONGEST_WAIT).plusMinutes(1))
			.maximumSize(MAX_ADDRESSES)
			.ticker(new ClockTicker(clock))
			.build();
	}

	/**
	 * How long the address must still wait, if it must.
	 * @param address the client address
	 * @return the wait, or empty when it may try
	 */
	Optional<Duration> waitFor(String address) {
		Failures found = this.failures.getIfPresent(address);
		Instant now = this.clock.instant();
		if (found == null || found.lockedUntil() == null || !found.lockedUntil().isAfter(now)) {
			return Optional.empty();
		}
		return Optional.of(Duration.between(now, found.lockedUntil()));
	}

	/**
	 * Counts a failure.
	 * @param address the client address
	 */
	void failed(String address) {
		Instant now = this.clock.instant();
		this.failures.asMap().compute(address, (key, previous) -> {
			int count = (previous == null || previous.last().plus(WINDOW).isBefore(now)) ? 1 : previous.count() + 1;
			Instant lockedUntil = null;
			if (count >= FREE_FAILURES) {
				long doublings = Math.min(count - FREE_FAILURES, 10);
				Duration wait = FIRST_WAIT.multipliedBy(1L << doublings);
				lockedUntil = now.plus((wait.compareTo(LONGEST_WAIT) > 0) ? LONGEST_WAIT : wait);
			}
			return new Failures(count, now, lockedUntil);
		});
	}

	/**
	 * Forgets the address's failures after a sign-in.
	 * @param address the client address
	 */
	void succeeded(String address) {
		this.failures.invalidate(address);
	}

	/**
	 * An address's recent failures.
	 *
	 * @param count how many in a row, each within {@link #WINDOW} of the one before
	 * @param last when the last one was
	 * @param lockedUntil until when it must wait, or {@code null}
	 */
	private record Failures(int count, Instant last, Instant lockedUntil) {
	}

}
