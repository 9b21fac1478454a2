package io.starpunk.indieauth;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import org.springframework.stereotype.Component;

import io.starpunk.http.AddressTable;
import io.starpunk.http.RateLimit;

/**
 * A token bucket per client address for the token endpoint: {@link #CAPACITY} requests at
 * once, refilled at that many per {@link #PERIOD}. At most {@link #MAX_ADDRESSES} are
 * told apart; beyond that newcomers share one bucket, and no address's bucket is ever
 * dropped to make room (see {@link AddressTable}), so a flood from many addresses cannot
 * refill anyone's.
 */
@Component
class TokenRateLimit {

	static final int CAPACITY = 30;

	static final Duration PERIOD = Duration.ofSeconds(10);

	static final int MAX_ADDRESSES = 10_000;

	private final RateLimit limit;

	TokenRateLimit(Clock clock) {
		this.limit = RateLimit.perAddress(CAPACITY, PERIOD.dividedBy(CAPACITY), MAX_ADDRESSES, clock);
	}

	/**
	 * Takes one request from an address's bucket.
	 * @param address the client address key
	 * @return empty when the request may go on, else how long to wait, in whole seconds
	 */
	Optional<Duration> take(String address) {
		return this.limit.take(address).map(TokenRateLimit::wholeSeconds);
	}

	static Duration wholeSeconds(Duration wait) {
		long seconds = (wait.toNanos() + 999_999_999L) / 1_000_000_000L;
		return Duration.ofSeconds(Math.max(1, seconds));
	}

}
