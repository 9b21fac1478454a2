package io.starpunk.indieauth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.starpunk.config.Secrets;
import io.starpunk.config.Sha256;
import io.starpunk.config.SqlTime;

/**
 * Authorization codes in {@code authorization_codes}: 256 random bits, of which the
 * database sees only the SHA-256 hex; ten minutes at most; used once, which one
 * {@code UPDATE ... RETURNING} decides, so of two concurrent redemptions exactly one
 * wins.
 */
@Component
class AuthorizationCodes {

	static final Duration LIFETIME = Duration.ofMinutes(10);

	private final JdbcClient jdbc;

	private final Clock clock;

	private final SecureRandom random;

	AuthorizationCodes(JdbcClient jdbc, Clock clock, SecureRandom random) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.random = random;
	}

	/**
	 * Issues a code.
	 * @param grant what the owner approved
	 * @return the code, to send to the client (and nowhere else)
	 */
	String issue(CodeGrant grant) {
		String code = Secrets.newToken(this.random);
		Instant now = this.clock.instant();
		this.jdbc.sql("""
				INSERT INTO authorization_codes (code_hash, me, client_id, redirect_uri, scope, code_challenge,
				    code_challenge_method, created_at, expires_at, token_lifetime_seconds)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(Sha256.hex(code), grant.me(), grant.clientId(), grant.redirectUri(), grant.scope(),
					grant.codeChallenge(), (grant.codeChallenge() != null) ? "S256" : null, SqlTime.text(now),
					SqlTime.text(now.plus(LIFETIME)), grant.tokenLifetime().toSeconds())
			.update();
		return code;
	}

	/**
	 * Uses a code up.
	 * @param code the code as the client sent it
	 * @return the grant, or that the code was used before, or that it is not valid
	 */
	Redemption redeem(String code) {
		if (code == null || code.isEmpty() || code.length() > 512) {
			return new Redemption.Invalid();
		}
		String hash = Sha256.hex(code);
		Instant now = this.clock.instant();
		var redeemed = this.jdbc.sql("""
				UPDATE authorization_codes SET used_at = ?
				WHERE code_hash = ? AND used_at IS NULL AND expires_at > ?
				RETURNING me, client_id, redirect_uri, scope, code_challenge, token_lifetime_seconds""")
			.params(SqlTime.text(now), hash, SqlTime.text(now))
			.query((row, number) -> new CodeGrant(row.getString("me"), row.getString("client_id"),
					row.getString("redirect_uri"), (row.getString("scope") != null) ? row.getString("scope") : "",
					row.getString("code_challenge"), Duration.ofSeconds(row.getLong("token_lifetime_seconds"))))
			.optional();
		if (redeemed.isPresent()) {
			return new Redemption.Redeemed(redeemed.get(), hash);
		}
		boolean usedBefore = this.jdbc
			.sql("SELECT count(*) FROM authorization_codes WHERE code_hash = ? AND used_at IS NOT NULL")
			.param(hash)
			.query(Integer.class)
			.single() > 0;
		return usedBefore ? new Redemption.Reused(hash) : new Redemption.Invalid();
	}

	/**
	 * Removes codes that expired a day ago or more (used ones are kept that long to catch
	 * reuse).
	 */
	int deleteExpired() {
		return this.jdbc.sql("DELETE FROM authorization_codes WHERE expires_at <= ?")
			.param(SqlTime.text(this.clock.instant().minus(Duration.ofDays(1))))
			.update();
	}

	/**
	 * The scope of a live, unused code, without using it up: the token endpoint refuses
	 * profile-only codes before it redeems them, so they can still be redeemed at the
	 * authorization endpoint.
	 * @param code the code as the client sent it
	 * @return its scope (empty for none), or empty when the code is not live
	 */
	Optional<String> scopeOfLiveCode(String code) {
		if (code == null || code.isEmpty() || code.length() > 512) {
			return Optional.empty();
		}
		return this.jdbc.sql(
				"SELECT coalesce(scope, '') FROM authorization_codes WHERE code_hash = ? AND used_at IS NULL AND expires_at > ?")
			.params(Sha256.hex(code), SqlTime.text(this.clock.instant()))
			.query(String.class)
			.optional();
	}

}
