package io.starpunk.indieauth;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import io.starpunk.config.Sha256;
import io.starpunk.support.MovableClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The grants and the verifier on a real SQLite database and a clock the test moves: the
 * cache, {@code last_used_at}, expiry, revocation and clean-up.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class TokenGrantsTests {

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

	/**
	 * Far in the future, so that the clean-up at start-up (on the real clock) leaves
	 * these tokens alone.
	 */
	private final MovableClock clock = new MovableClock(java.time.Instant.parse("2098-01-01T00:00:00Z"));

	private final TokenCache cache = new TokenCache(this.clock);

	private TokenRepository repository() {
		return new TokenRepository(this.jdbc);
	}

	private TokenGrants grants() {
		return new TokenGrants(repository(), this.cache, this.transactions, this.clock, new SecureRandom());
	}

	private TokenVerifier verifier() {
		return new TokenVerifier(repository(), this.cache, this.transactions, this.clock);
	}

	private CodeGrant grant(Duration lifetime) {
		return new CodeGrant("https://owner.example/", "https://app.example/", "https://app.example/callback",
				"create media", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", lifetime);
	}

	@Test
	void lastUsedIsWrittenAtMostOnceAMinuteAndTheCacheSparesTheDatabase() {
		TokenGrants tokens = grants();
		TokenVerifier verifier = verifier();
		IssuedTokens issued = tokens.issue(grant(Duration.ofDays(1)), "grant-last-used");
		String hash = Sha256.hex(issued.accessToken());
		assertThat(lastUsed(hash)).isNull();
		assertThat(verifier.verify(issued.accessToken())).isPresent();
		String first = lastUsed(hash);
		assertThat(first).isEqualTo("2098-01-01 00:00:00");
		// the row goes away behind the cache's back: the cached answer stands for a
		// minute
		this.jdbc.sql("UPDATE tokens SET scope = 'delete' WHERE token_hash = ?").param(hash).update();
		this.clock.move(Duration.ofSeconds(30));
		assertThat(verifier.verify(issued.accessToken()))
			.hasValueSatisfying((token) -> assertThat(token.scopes()).containsExactlyInAnyOrder("create", "media"));
		assertThat(lastUsed(hash)).isEqualTo(first);
		this.clock.move(Duration.ofSeconds(31));
		assertThat(verifier.verify(issued.accessToken()))
			.hasValueSatisfying((token) -> assertThat(token.scopes()).containsExactly("delete"));
		assertThat(lastUsed(hash)).isEqualTo("2098-01-01 00:01:01");
	}

	@Test
	void anExpiredTokenIsRefusedEvenFromTheCache() {
		TokenGrants tokens = grants();
		TokenVerifier verifier = verifier();
		IssuedTokens issued = tokens.issue(grant(Duration.ofSeconds(30)), "grant-expiring");
		assertThat(verifier.verify(issued.accessToken())).isPresent();
		this.clock.move(Duration.ofSeconds(31));
		assertThat(verifier.verify(issued.accessToken())).isEmpty();
	}

	@Test
	void revokingAGrantEvictsItsCachedTokens() {
		TokenGrants tokens = grants();
		TokenVerifier verifier = verifier();
		IssuedTokens issued = tokens.issue(grant(Duration.ofDays(1)), "grant-revoked");
		assertThat(verifier.verify(issued.accessToken())).isPresent();
		tokens.revokeGrant("grant-revoked");
		assertThat(verifier.verify(issued.accessToken())).isEmpty();
	}

	@Test
	void expiredTokensAreDeletedOnceTheirGrantCannotBeRenewed() {
		TokenGrants tokens = grants();
		IssuedTokens issued = tokens.issue(grant(Duration.ofHours(1)), "grant-cleanup");
		this.clock.move(Duration.ofHours(2));
		this.transactions.execute((status) -> repository().deleteExpired(this.clock.instant()));
		assertThat(rows("tokens", Sha256.hex(issued.accessToken()))).as("still renewable").isEqualTo(1);
		assertThat(tokens.active()).extracting(ActiveToken::renewableUntil).isNotEmpty();
		this.clock.move(TokenGrants.REFRESH_EXTRA);
		this.transactions.execute((status) -> repository().deleteExpired(this.clock.instant()));
		assertThat(rows("tokens", Sha256.hex(issued.accessToken()))).isZero();
		assertThat(rows("refresh_tokens", Sha256.hex(issued.refreshToken()))).isZero();
	}

	@Test
	void aGrantWithoutALifetimeGetsTheDefault() {
		IssuedTokens issued = grants().issue(grant(null), "grant-default");
		assertThat(issued.expiresIn()).isEqualTo(TokenGrants.DEFAULT_LIFETIME);
		assertThat(issued.toString()).doesNotContain(issued.accessToken()).doesNotContain(issued.refreshToken());
	}

	private String lastUsed(String hash) {
		return this.jdbc.sql("SELECT last_used_at FROM tokens WHERE token_hash = ?")
			.param(hash)
			.query(String.class)
			.optional()
			.orElse(null);
	}

	private int rows(String table, String hash) {
		List<Integer> count = this.jdbc.sql("SELECT count(*) FROM " + table + " WHERE token_hash = ?")
			.param(hash)
			.query(Integer.class)
			.list();
		return count.get(0);
	}

}
