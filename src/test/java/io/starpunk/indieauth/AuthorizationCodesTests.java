package io.starpunk.indieauth;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import io.starpunk.config.Sha256;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Authorization codes on a real SQLite database through the real migrations.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class AuthorizationCodesTests {

	@TempDir
	static Path dataPath;

	@DynamicPropertySource
	static void dataPath(DynamicPropertyRegistry registry) {
		registry.add("DATA_PATH", () -> dataPath.toString());
	}

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	AuthorizationCodes codes;

	private static final CodeGrant GRANT = new CodeGrant("https://owner.example/", "https://app.example/",
			"https://app.example/callback", "create media", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
			Duration.ofDays(14));

	@Test
	void aCodeIsStoredOnlyAsItsHashAndRedeemsOnce() {
		String code = this.codes.issue(GRANT);
		assertThat(code).matches("[A-Za-z0-9_-]{43}");
		List<String> stored = this.jdbc.sql("SELECT code_hash FROM authorization_codes").query(String.class).list();
		assertThat(stored).contains(Sha256.hex(code)).doesNotContain(code);
		Redemption first = this.codes.redeem(code);
		assertThat(first).isEqualTo(new Redemption.Redeemed(GRANT, Sha256.hex(code)));
		assertThat(this.codes.redeem(code)).isEqualTo(new Redemption.Reused(Sha256.hex(code)));
		assertThat(this.codes.redeem(code + "x")).isEqualTo(new Redemption.Invalid());
		assertThat(this.codes.redeem("")).isEqualTo(new Redemption.Invalid());
	}

	@Test
	void anExpiredCodeIsInvalid() {
		Instant issued = Instant.parse("2026-01-01T00:00:00Z");
		AuthorizationCodes then = new AuthorizationCodes(new AuthorizationCodeRepository(this.jdbc), this.transactions,
				Clock.fixed(issued, ZoneOffset.UTC), new SecureRandom());
		String code = then.issue(GRANT);
		AuthorizationCodes later = new AuthorizationCodes(new AuthorizationCodeRepository(this.jdbc), this.transactions,
				Clock.fixed(issued.plus(AuthorizationCodes.LIFETIME).plusSeconds(1), ZoneOffset.UTC),
				new SecureRandom());
		assertThat(later.redeem(code)).isEqualTo(new Redemption.Invalid());
		AuthorizationCodes inTime = new AuthorizationCodes(new AuthorizationCodeRepository(this.jdbc),
				this.transactions,
				Clock.fixed(issued.plus(AuthorizationCodes.LIFETIME).minusSeconds(1), ZoneOffset.UTC),
				new SecureRandom());
		assertThat(inTime.redeem(code)).isInstanceOf(Redemption.Redeemed.class);
	}

	@Test
	void ofConcurrentRedemptionsExactlyOneWins() throws Exception {
		for (int round = 0; round < 10; round++) {
			String code = this.codes.issue(GRANT);
			int threads = 4;
			CountDownLatch start = new CountDownLatch(1);
			ExecutorService pool = Executors.newFixedThreadPool(threads);
			try {
				List<Future<Redemption>> results = new ArrayList<>();
				for (int i = 0; i < threads; i++) {
					Callable<Redemption> redeem = () -> {
						start.await();
						return this.codes.redeem(code);
					};
					results.add(pool.submit(redeem));
				}
				start.countDown();
				int redeemed = 0;
				for (Future<Redemption> result : results) {
					if (result.get() instanceof Redemption.Redeemed) {
						redeemed++;
					}
					else {
						assertThat(result.get()).isEqualTo(new Redemption.Reused(Sha256.hex(code)));
					}
				}
				assertThat(redeemed).as("round " + round).isEqualTo(1);
			}
			finally {
				pool.shutdownNow();
			}
		}
	}

}
