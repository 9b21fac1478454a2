package io.starpunk.owner;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.starpunk.support.MovableClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Failed sign-ins counted per address and per account, on a clock the test moves.
 */
class LoginThrottleTests {

	private final MovableClock clock = new MovableClock();

	private final LoginThrottle throttle = new LoginThrottle(this.clock);

	@Test
	void fourFailuresAreFreeAndTheFifthMakesTheAddressWaitAMinute() {
		for (int i = 0; i < LoginThrottle.FREE_FAILURES - 1; i++) {
			this.throttle.failed("192.0.2.1", false);
			assertThat(this.throttle.waitFor("192.0.2.1", false)).isEmpty();
		}
		this.throttle.failed("192.0.2.1", false);
		assertThat(this.throttle.waitFor("192.0.2.1", false)).hasValue(Duration.ofMinutes(1));
		assertThat(this.throttle.waitFor("192.0.2.2", false)).as("other addresses are not affected").isEmpty();
		this.clock.move(Duration.ofSeconds(61));
		assertThat(this.throttle.waitFor("192.0.2.1", false)).isEmpty();
	}

	@Test
	void theWaitDoublesButNeverPassesFifteenMinutes() {
		for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
			this.throttle.failed("192.0.2.1", true);
		}
		Duration expected = Duration.ofMinutes(1);
		for (int round = 0; round < 8; round++) {
			assertThat(this.throttle.waitFor("192.0.2.1", true)).as("round " + round).hasValue(expected);
			this.clock.move(expected);
			this.throttle.failed("192.0.2.1", true);
			expected = expected.multipliedBy(2);
			if (expected.compareTo(LoginThrottle.LONGEST_WAIT) > 0) {
				expected = LoginThrottle.LONGEST_WAIT;
			}
		}
		assertThat(this.throttle.waitFor("192.0.2.1", true)).hasValue(LoginThrottle.LONGEST_WAIT);
		this.clock.move(LoginThrottle.LONGEST_WAIT);
		assertThat(this.throttle.waitFor("192.0.2.1", true)).as("the owner is never shut out for good").isEmpty();
	}

	@Test
	void failuresSpreadOutOrASuccessStartTheCountAgain() {
		for (int i = 0; i < 10; i++) {
			this.throttle.failed("192.0.2.1", false);
			this.clock.move(LoginThrottle.WINDOW.plusSeconds(1));
		}
		assertThat(this.throttle.waitFor("192.0.2.1", false)).isEmpty();
		for (int i = 0; i < LoginThrottle.FREE_FAILURES - 1; i++) {
			this.throttle.failed("192.0.2.3", false);
		}
		this.throttle.succeeded("192.0.2.3");
		this.throttle.failed("192.0.2.3", false);
		assertThat(this.throttle.waitFor("192.0.2.3", false)).isEmpty();
	}

	@Test
	void aLockedAddressStaysLockedHoweverManyOthersFail() {
		for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
			this.throttle.failed("192.0.2.1", false);
		}
		// 10,004 others: 9,999 fill the table, the last five share the newcomers' count
		for (int i = 0; i < LoginThrottle.MAX_ADDRESSES + LoginThrottle.FREE_FAILURES - 1; i++) {
			this.throttle.failed("10." + (i / 65536) + "." + ((i / 256) % 256) + "." + (i % 256), false);
		}
		assertThat(this.throttle.waitFor("192.0.2.1", false)).as("not evicted to make room")
			.hasValue(Duration.ofMinutes(1));
		assertThat(this.throttle.waitFor("198.51.100.1", false))
			.as("a newcomer to the full table shares the newcomers' count, which is locked")
			.isPresent();
		assertThat(this.throttle.waitFor("198.51.100.1", true))
			.as("a known browser is counted by its own address however full the table")
			.isEmpty();
		this.clock.move(LoginThrottle.WINDOW.plusMinutes(2));
		assertThat(this.throttle.waitFor("198.51.100.1", false)).as("forgotten by time").isEmpty();
	}

	@Test
	void failuresFromManyAddressesLockTheAccountForUnknownBrowsersOnly() {
		for (int i = 0; i < LoginThrottle.ACCOUNT_FREE_FAILURES - 1; i++) {
			this.throttle.failed("203.0.113." + i, false);
			assertThat(this.throttle.accountWait()).as("failure " + i).isEmpty();
		}
		this.throttle.failed("203.0.113.250", false);
		assertThat(this.throttle.accountWait()).hasValue(Duration.ofMinutes(1));
		for (int i = 0; i < 20; i++) {
			assertThat(this.throttle.waitFor("203.0.113." + i, false)).as("each address is under its own limit")
				.isEmpty();
		}
		this.throttle.failed("192.0.2.9", true);
		this.throttle.succeeded("192.0.2.9");
		assertThat(this.throttle.accountWait()).as("a known browser neither counts for it nor lifts it")
			.hasValue(Duration.ofMinutes(1));
		this.clock.move(Duration.ofMinutes(1));
		assertThat(this.throttle.accountWait()).isEmpty();
		this.throttle.failed("203.0.113.251", false);
		assertThat(this.throttle.accountWait()).as("the next failure doubles the wait").hasValue(Duration.ofMinutes(2));
	}

}
