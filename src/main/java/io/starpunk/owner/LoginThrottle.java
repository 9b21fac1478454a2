package io.starpunk.owner;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.stereotype.Component;

import io.starpunk.http.AddressTable;

/**
 * Failed sign-ins, counted per client address and for the account as a whole.
 * <p>
 * Per address (an IPv4 address or an IPv6 {@code /64}): five are free within fifteen
 * minutes; after that the address waits one minute, then two, four, eight, and never more
 * than fifteen, and attempts while it waits are refused unchecked and uncounted.
 * <p>
 * Per account: failures from browsers this server does not know ({@link KnownDevices}),
 * from all addresses together, are bounded the same way after
 * {@link #ACCOUNT_FREE_FAILURES}; so guessing from thousands of addresses gets a few
 * dozen tries an hour at most. A browser the owner signed in with before is not held by
 * the account's count (only by its address's), so such a flood does not lock the owner
 * out.
 * <p>
 * The addresses are an {@link AddressTable}: forgotten only by time, a {@link #WINDOW}
 * after their last failure (when any wait they caused is over too), never to make room.
 */
@Component
class LoginThrottle {

	static final int FREE_FAILURES = 5;

	static final int ACCOUNT_FREE_FAILURES = 20;

	static final Duration WINDOW = Duration.ofMinutes(15);

	static final Duration FIRST_WAIT = Duration.ofMinutes(1);

	static final Duration LONGEST_WAIT = Duration.ofMinutes(15);

	/** Addresses told apart at most; newcomers beyond them share one count. */
	static final int MAX_ADDRESSES = 10_000;

	private final AddressTable<Failures> addresses;

	private final AtomicReference<Failures> account = new AtomicReference<>();

	private final Clock clock;

	LoginThrottle(Clock clock) {
		this.clock = clock;
		// whether a failure still counts is decided below; this only forgets, a little
		// after it cannot count any more
		this.addresses = new AddressTable<>(
				((WINDOW.compareTo(LONGEST_WAIT) >= 0) ? WINDOW : LONGEST_WAIT).plusMinutes(1), MAX_ADDRESSES, clock);
	}

	/**
	 * How long the address must still wait, if it must.
	 * @param address the client address key
	 * @param knownDevice whether the browser signed in here before
	 * @return the wait, or empty when it may try
	 */
	Optional<Duration> waitFor(String address, boolean knownDevice) {
		return waitOf(this.addresses.get(address, knownDevice));
	}

	/**
	 * How long browsers this server does not know must still wait, if they must.
	 * @return the wait, or empty when they may try
	 */
	Optional<Duration> accountWait() {
		return waitOf(this.account.get());
	}

	/**
	 * Counts a failure.
	 * @param address the client address key
	 * @param knownDevice whether the browser signed in here before: its failures count
	 * for its address only, and its address gets its own count however full the table
	 */
	void failed(String address, boolean knownDevice) {
		Instant now = this.clock.instant();
		this.addresses.update(address, knownDevice, (previous) -> Failures.after(previous, now, FREE_FAILURES));
		if (!knownDevice) {
			this.account.updateAndGet((previous) -> Failures.after(previous, now, ACCOUNT_FREE_FAILURES));
		}
	}

	/**
	 * Forgets the address's failures after a sign-in. The account's stay: a sign-in does
	 * not give strangers new tries.
	 * @param address the client address key
	 */
	void succeeded(String address) {
		this.addresses.forget(address);
	}

	private Optional<Duration> waitOf(Failures found) {
		Instant now = this.clock.instant();
		if (found == null || found.lockedUntil() == null || !found.lockedUntil().isAfter(now)) {
			return Optional.empty();
		}
		return Optional.of(Duration.between(now, found.lockedUntil()));
	}

	/**
	 * Recent failures.
	 *
	 * @param count how many in a row, each within {@link #WINDOW} of the one before
	 * @param last when the last one was
	 * @param lockedUntil until when it must wait, or {@code null}
	 */
	private record Failures(int count, Instant last, Instant lockedUntil) {

		static Failures after(Failures previous, Instant now, int free) {
			int count = (previous == null || previous.last().plus(WINDOW).isBefore(now)) ? 1 : previous.count() + 1;
			Instant lockedUntil = null;
			if (count >= free) {
				long doublings = Math.min(count - free, 10);
				Duration wait = FIRST_WAIT.multipliedBy(1L << doublings);
				lockedUntil = now.plus((wait.compareTo(LONGEST_WAIT) > 0) ? LONGEST_WAIT : wait);
			}
			return new Failures(count, now, lockedUntil);
		}

	}

}
