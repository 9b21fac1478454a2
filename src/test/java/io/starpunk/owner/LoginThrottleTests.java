package io.starpunk.owner;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.starpunk.support.MovableClock;

import static org.assertj.core.api.Assertions.assertThat;

class LoginThrottleTests {

	private final MovableClock clock = new MovableClock();

	private final LoginThrottle throttle = new LoginThrottle(this.clock);

	@Test
	void fourFailuresAreFreeAndTheFifthMakesTheAddressWaitAMinute() {
		for (int i = 0; i < LoginThrottle.FREE_FAILURES - 1; i++) {
			this.throttle.failed("192.0.2.1");
			assertThat(this.throttle.waitFor("192.0.2.1")).isEmpty();
		}
		this.throttle.failed("192.0.2.1");
		assertThat(this.throttle.waitFor("192.0.2.1")).hasValue(Duration.ofMinutes(1));
		assertThat(this.throttle.waitFor("192.0.2.2")).as("other addresses are not affected").isEmpty();
		this.clock.move(Duration.ofSeconds(61));
		assertThat(this.throttle.waitFor("192.0.2.1")).isEmpty();
	}

	@Test
	void theWaitDoublesButNeverPassesFifteenMinutes() {
		for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
			this.throttle.failed("192.0.2.1");
		}
		Duration expected = Duration.ofMinutes(1);
		for (int round = 0; round < 8; round++) {
			assertThat(this.throttle.waitFor("192.0.2.1")).as("round " + round).hasValue(expected);
			this.clock.move(expected);
			this.throttle.failed("192.0.2.1");
			expected = expected.multipliedBy(2);
			if (expected.compareTo(LoginThrottle.LONGEST_WAIT) > 0) {
				expected = LoginThrottle.LONGEST_WAIT;
			}
		}
		assertThat(this.throttle.waitFor("192.0.2.1")).hasValue(LoginThrottle.LONGEST_WAIT);
		this.clock.move(LoginThrottle.LONGEST_WAIT);
		assertThat(this.throttle.waitFor("192.0.2.1")).as("the owner is never shut out for good").isEmpty();
	}

	@Test
	void failuresSpreadOutOrASuccessStartTheCountAgain() {
		for (int i = 0; i < 10; i++) {
			this.throttle.failed("192.0.2.1");
			this.clock.move(LoginThrottle.WINDOW.plusSeconds(1));
		}
		assertThat(this.throttle.waitFor("192.0.2.1")).isEmpty();
		for (int i = 0; i < LoginThrottle.FREE_FAILURES - 1; i++) {
			this.throttle.failed("192.0.2.3");
		}
		this.throttle.succeeded("192.0.2.3");
		this.throttle.failed("192.0.2.3");
		assertThat(this.throttle.waitFor("192.0.2.3")).isEmpty();
	}

	@Test
	void rememberingIsBounded() {
		for (int i = 0; i < LoginThrottle.MAX_ADDRESSES + 50; i++) {
			this.throttle.failed("addr-" + i);
		}
		this.throttle.failed("last");
		for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
			this.throttle.failed("locked");
		}
		assertThat(this.throttle.waitFor("locked")).isPresent();
	}

}
