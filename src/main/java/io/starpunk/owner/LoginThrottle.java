package io.starpunk.owner;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * Failed sign-ins, counted per client address. Five are free within fifteen minutes;
 * after that the address waits one minute, then two, four, eight, and never more than
 * fifteen, and attempts while it waits are refused unchecked and uncounted. So a guesser
 * gets a few dozen tries an hour at most, and nobody, the owner included, is shut out for
 * longer than fifteen minutes at a time, nor at all from another address.
 */
@Component
class LoginThrottle {

	static final int FREE_FAILURES = 5;

	static final Duration WINDOW = Duration.ofMinutes(15);

	static final Duration FIRST_WAIT = Duration.ofMinutes(1);

	static final Duration LONGEST_WAIT = Duration.ofMinutes(15);

	/** Addresses remembered at most; the stalest are forgotten first. */
	static final int MAX_ADDRESSES = 10_000;

	private final Map<String, Failures> failures = new ConcurrentHashMap<>();

	private final Clock clock;

	LoginThrottle(Clock clock) {
		this.clock = clock;
	}

	/**
	 * How long the address must still wait, if it must.
	 * @param address the client address
	 * @return the wait, or empty when it may try
	 */
	Optional<Duration> waitFor(String address) {
		Failures found = this.failures.get(address);
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
		if (this.failures.size() >= MAX_ADDRESSES) {
			forgetStale(now);
		}
		this.failures.compute(address, (key, previous) -> {
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
		this.failures.remove(address);
	}

	private void forgetStale(Instant now) {
		this.failures.values()
			.removeIf((entry) -> entry.last().plus(WINDOW).isBefore(now)
					&& (entry.lockedUntil() == null || entry.lockedUntil().isBefore(now)));
		if (this.failures.size() >= MAX_ADDRESSES) {
			this.failures.entrySet()
				.stream()
				.min(Map.Entry.comparingByValue((a, b) -> a.last().compareTo(b.last())))
				.ifPresent((oldest) -> this.failures.remove(oldest.getKey()));
		}
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
