package io.starpunk.owner;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import org.springframework.stereotype.Component;

import io.starpunk.http.RateLimit;

/**
 * How often {@code POST /auth/login/indieauth} may start a sign-in, each of which fetches
 * the owner's page to find their IndieAuth server: {@link #ADDRESS_BURST} at once per
 * client address, then one every {@link #ADDRESS_INTERVAL}; and from everybody together
 * {@link #GLOBAL_BURST} at once, then one every {@link #GLOBAL_INTERVAL}, which a browser
 * the owner signed in with before ({@link KnownDevices}) is not held by.
 */
@Component
class IndieAuthLoginLimit {

	static final int ADDRESS_BURST = 10;

	static final Duration ADDRESS_INTERVAL = Duration.ofSeconds(30);

	static final int GLOBAL_BURST = 20;

	static final Duration GLOBAL_INTERVAL = Duration.ofSeconds(1);

	static final int MAX_ADDRESSES = 10_000;

	private final RateLimit perAddress;

	private final RateLimit global;

	IndieAuthLoginLimit(Clock clock) {
		this.perAddress = RateLimit.perAddress(ADDRESS_BURST, ADDRESS_INTERVAL, MAX_ADDRESSES, clock);
		this.global = RateLimit.global(GLOBAL_BURST, GLOBAL_INTERVAL, clock);
	}

	/**
	 * Takes one start.
	 * @param address the client address key
	 * @param knownDevice whether the browser signed in here before
	 * @return empty when the sign-in may start, else how long until one may
	 */
	Optional<Duration> take(String address, boolean knownDevice) {
		Optional<Duration> wait = this.perAddress.take(address);
		if (wait.isPresent() || knownDevice) {
			return wait;
		}
		return this.global.take();
	}

}
