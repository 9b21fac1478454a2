package io.starpunk.indieauth;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.starpunk.config.SqlTime;

/**
 * The {@code authorization_codes} table, keyed by the SHA-256 hex of each code. Every
 * write here runs in its caller's transaction ({@link AuthorizationCodes},
 * {@link TokenCleanup}).
 */
@Repository
class AuthorizationCodeRepository {

	private final JdbcClient jdbc;

	AuthorizationCodeRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(String hash, CodeGrant grant, Instant now, Instant expiresAt) {
		this.jdbc.sql("""
				INSERT INTO authorization_codes (code_hash, me, client_id, redirect_uri, scope, code_challenge,
				    code_challenge_method, created_at, expires_at, token_lifetime_seconds)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(hash, grant.me(), grant.clientId(), grant.redirectUri(), grant.scope(), grant.codeChallenge(),
					(grant.codeChallenge() != null) ? "S256" : null, SqlTime.text(now), SqlTime.text(expiresAt),
					grant.tokenLifetime().toSeconds())
			.update();
	}

	/**
	 * Marks a live, unused code used, in one statement, so that of two concurrent
	 * redemptions exactly one wins.
	 * @param hash the code's hash
	 * @param now the time
	 * @return what the code stands for, if it was live and unused
	 */
	Optional<CodeGrant> use(String hash, Instant now) {
		String time = SqlTime.text(now);
		return this.jdbc.sql("""
				UPDATE authorization_codes SET used_at = ?
				WHERE code_hash = ? AND used_at IS NULL AND expires_at > ?
				RETURNING me, client_id, redirect_uri, scope, code_challenge, token_lifetime_seconds""")
			.params(time, hash, time)
			.query((row, number) -> new CodeGrant(row.getString("me"), row.getString("client_id"),
					row.getString("redirect_uri"), (row.getString("scope") != null) ? row.getString("scope") : "",
					row.getString("code_challenge"), Duration.ofSeconds(row.getLong("token_lifetime_seconds"))))
			.optional();
	}

	boolean wasUsed(String hash) {
		return this.jdbc.sql("SELECT count(*) FROM authorization_codes WHERE code_hash = ? AND used_at IS NOT NULL")
			.param(hash)
			.query(Integer.class)
			.single() > 0;
	}

	/**
	 * The scope of a live, unused code.
	 * @param hash the code's hash
	 * @param now the time
	 * @return its scope (empty for none), or empty when the code is not live
	 */
	Optional<String> scopeOfLive(String hash, Instant now) {
		return this.jdbc.sql(
				"SELECT coalesce(scope, '') FROM authorization_codes WHERE code_hash = ? AND used_at IS NULL AND expires_at > ?")
			.params(hash, SqlTime.text(now))
			.query(String.class)
			.optional();
	}

	int deleteExpiredBefore(Instant cutoff) {
		return this.jdbc.sql("DELETE FROM authorization_codes WHERE expires_at <= ?")
			.param(SqlTime.text(cutoff))
			.update();
	}

}
