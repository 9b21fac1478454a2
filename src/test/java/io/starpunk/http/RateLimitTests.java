package io.starpunk.http;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.starpunk.support.MovableClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Token buckets and the table of addresses they live in, counted on a clock the test
 * moves: nothing here measures time.
 */
class RateLimitTests {

	private final MovableClock clock = new MovableClock();

	@Test
	void aGlobalBucketPassesItsBurstThenOneAnInterval() {
		RateLimit limit = RateLimit.global(30, Duration.ofMillis(100), this.clock);
		for (int i = 0; i < 30; i++) {
			assertThat(limit.take()).as("request " + i).isEmpty();
		}
		assertThat(limit.take()).hasValue(Duration.ofMillis(100));
		assertThat(limit.take()).as("refusals cost nothing and change nothing").hasValue(Duration.ofMillis(100));
		this.clock.move(Duration.ofMillis(100));
		assertThat(limit.take()).isEmpty();
		assertThat(limit.take()).isPresent();
		this.clock.move(Duration.ofMillis(99));
		assertThat(limit.take()).hasValue(Duration.ofMillis(1));
		this.clock.move(Duration.ofSeconds(60));
		int passed = 0;
		while (limit.take().isEmpty()) {
			passed++;
		}
		assertThat(passed).as("an idle minute fills the bucket, no more").isEqualTo(30);
	}

	@Test
	void perAddressBucketsAreSeparate() {
		RateLimit limit = RateLimit.perAddress(3, Duration.ofSeconds(1), 100, this.clock);
		for (int i = 0; i < 3; i++) {
			assertThat(limit.take("192.0.2.1")).isEmpty();
		}
		assertThat(limit.take("192.0.2.1")).isPresent();
		assertThat(limit.take("192.0.2.2")).isEmpty();
	}

	@Test
	void aFullTableNeverDropsALimitedAddress() {
		RateLimit limit = RateLimit.perAddress(3, Duration.ofSeconds(10), 1_000, this.clock);
		for (int i = 0; i < 3; i++) {
			limit.take("192.0.2.1");
		}
		assertThat(limit.take("192.0.2.1")).isPresent();
		int newcomersPassed = 0;
		for (int i = 0; i < 1_002; i++) {
			if (limit.take("10.0." + (i / 256) + "." + (i % 256)).isEmpty()) {
				newcomersPassed++;
			}
		}
		assertThat(limit.take("192.0.2.1")).as("still limited").isPresent();
		assertThat(newcomersPassed).as("999 got their own bucket; the rest share one of 3").isEqualTo(999 + 3);
		assertThat(limit.take("198.51.100.1")).as("a newcomer now shares the empty overflow bucket").isPresent();
	}

	@Test
	void entriesAreForgottenByTimeOnly() {
		AddressTable<String> table = new AddressTable<>(Duration.ofMinutes(1), 2, this.clock);
		table.update("a", false, (old) -> "A");
		table.update("b", false, (old) -> "B");
		table.update("c", false, (old) -> "C");
		assertThat(table.get("a")).isEqualTo("A");
		assertThat(table.get("b")).isEqualTo("B");
		assertThat(table.get("c")).as("the newcomers' shared entry").isEqualTo("C");
		assertThat(table.get("d")).as("shared by every newcomer").isEqualTo("C");
		assertThat(table.get(AddressTable.OVERFLOW)).isEqualTo("C");
		table.update("e", true, (old) -> "E");
		assertThat(table.get("e", true)).as("one that proved something gets its own").isEqualTo("E");
		this.clock.move(Duration.ofSeconds(61));
		assertThat(table.size()).isZero();
		table.update("d", false, (old) -> "D");
		assertThat(table.get("d")).isEqualTo("D");
	}

}
