package io.starpunk.config;

import java.time.Clock;
import java.time.Instant;

import com.github.benmanes.caffeine.cache.Ticker;

/**
 * The application's {@link Clock} as a Caffeine {@link Ticker}, so that a cache's expiry
 * follows the same time as everything else (and a test's movable clock moves it too).
 *
 * @param clock the clock to read
 */
public record ClockTicker(Clock clock) implements Ticker {

	@Override
	public long read() {
		Instant now = this.clock.instant();
		return now.getEpochSecond() * 1_000_000_000L + now.getNano();
	}

}
