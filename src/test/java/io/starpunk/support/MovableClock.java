package io.starpunk.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock the test moves by hand, for anything that counts time (throttles, expiry).
 */
public final class MovableClock extends Clock {

	private volatile Instant now;

	public MovableClock() {
		this(Instant.parse("2026-01-01T00:00:00Z"));
	}

	public MovableClock(Instant start) {
		this.now = start;
	}

	public void move(Duration by) {
		this.now = this.now.plus(by);
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return this;
	}

	@Override
	public Instant instant() {
		return this.now;
	}

}
