package io.starpunk.indieauth;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.starpunk.support.MovableClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The token endpoint's token bucket per client address, on a clock the test moves.
 */
class TokenRateLimitTests {

	private final MovableClock clock = new MovableClock();

	private final TokenRateLimit limit = new TokenRateLimit(this.clock);

	@Test
	void aBurstOfThirtyPassesThenTheAddressWaits() {
		for (int i = 0; i < TokenRateLimit.CAPACITY; i++) {
			assertThat(this.limit.take("192.0.2.1")).as("request " + i).isEmpty();
		}
		assertThat(this.limit.take("192.0.2.1")).hasValue(Duration.ofSeconds(1));
		assertThat(this.limit.take("192.0.2.2")).as("another address").isEmpty();
	}

	@Test
	void theBucketRefillsThreeRequestsASecond() {
		for (int i = 0; i < TokenRateLimit.CAPACITY; i++) {
			this.limit.take("192.0.2.1");
		}
		assertThat(this.limit.take("192.0.2.1")).isPresent();
		this.clock.move(Duration.ofMillis(340));
		assertThat(this.limit.take("192.0.2.1")).isEmpty();
		assertThat(this.limit.take("192.0.2.1")).isPresent();
		this.clock.move(Duration.ofSeconds(10));
		for (int i = 0; i < TokenRateLimit.CAPACITY; i++) {
			assertThat(this.limit.take("192.0.2.1")).as("request " + i).isEmpty();
		}
		assertThat(this.limit.take("192.0.2.1")).isPresent();
	}

	@Test
	void refusedRequestsDoNotDeepenTheWait() {
		for (int i = 0; i < 100; i++) {
			this.limit.take("192.0.2.1");
		}
		this.clock.move(Duration.ofMillis(340));
		assertThat(this.limit.take("192.0.2.1")).isEmpty();
	}

	@Test
	void aFloodFromManyAddressesRefillsNobodysBucket() {
		for (int i = 0; i < TokenRateLimit.CAPACITY; i++) {
			this.limit.take("192.0.2.1");
		}
		assertThat(this.limit.take("192.0.2.1")).isPresent();
		for (int i = 0; i < TokenRateLimit.MAX_ADDRESSES + 1; i++) {
			this.limit.take("10." + (i / 65536) + "." + ((i / 256) % 256) + "." + (i % 256));
		}
		assertThat(this.limit.take("192.0.2.1")).as("10,001 other addresses later, still limited").isPresent();
		int newcomers = 0;
		while (this.limit.take("198.51.100." + newcomers).isEmpty()) {
			newcomers++;
		}
		assertThat(newcomers).as("newcomers beyond the table share one bucket, which the flood already drew on")
			.isEqualTo(TokenRateLimit.CAPACITY - 2);
	}

}
