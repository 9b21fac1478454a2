package io.starpunk.indieauth;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.starpunk.config.SqlTime;

/**
 * The {@code tokens} and {@code refresh_tokens} tables. They hold only the lowercase hex
 * SHA-256 of each token. Every write here runs in its caller's transaction
 * ({@link TokenGrants}, {@link TokenVerifier}, {@link TokenCleanup}).
 */
@Repository
class TokenRepository {

	private final JdbcClient jdbc;

	TokenRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * An access token that is not revoked (expired or not).
	 * @param hash the token's hash
	 * @return its row
	 */
	Optional<StoredToken> findUnrevoked(String hash) {
		return this.jdbc.sql("""
				SELECT id, me, client_id, scope, created_at, expires_at, last_used_at FROM tokens
				WHERE token_hash = ? AND revoked_at IS NULL""")
			.param(hash)
			.query((row, number) -> new StoredToken(row.getLong("id"),
					new AccessToken(row.getString("me"), row.getString("client_id"), row.getString("scope"),
							SqlTime.instant(row.getString("created_at")), SqlTime.instant(row.getString("expires_at"))),
					SqlTime.instant(row.getString("last_used_at"))))
			.optional();
	}

	void noteUse(long id, Instant now) {
		this.jdbc.sql("UPDATE tokens SET last_used_at = ? WHERE id = ?").params(SqlTime.text(now), id).update();
	}

	void insertAccess(String hash, String me, String clientId, String scope, Instant now, Instant expiresAt,
			String grantId) {
		this.jdbc.sql("""
				INSERT INTO tokens (token_hash, me, client_id, scope, created_at, expires_at, grant_id)
				VALUES (?, ?, ?, ?, ?, ?, ?)""")
			.params(hash, me, clientId, scope, SqlTime.text(now), SqlTime.text(expiresAt), grantId)
			.update();
	}

	void insertRefresh(String hash, String grantId, String me, String clientId, String scope, Instant now,
			Instant expiresAt) {
		this.jdbc.sql("""
				INSERT INTO refresh_tokens (token_hash, grant_id, me, client_id, scope, created_at, expires_at)
				VALUES (?, ?, ?, ?, ?, ?, ?)""")
			.params(hash, grantId, me, clientId, scope, SqlTime.text(now), SqlTime.text(expiresAt))
			.update();
	}

	/**
	 * Uses a live refresh token up, in one statement, so that of two concurrent uses
	 * exactly one wins.
	 * @param hash the refresh token's hash
	 * @param clientId the client presenting it
	 * @param now the time
	 * @return the token, if it was live, unused and the client's
	 */
	Optional<StoredRefresh> useRefresh(String hash, String clientId, Instant now) {
		String time = SqlTime.text(now);
		return this.jdbc.sql("""
				UPDATE refresh_tokens SET used_at = ?
				WHERE token_hash = ? AND client_id = ? AND used_at IS NULL AND revoked_at IS NULL
				    AND expires_at > ?
				RETURNING grant_id, me, scope, created_at, expires_at""")
			.params(time, hash, clientId, time)
			.query((row, number) -> new StoredRefresh(row.getString("grant_id"), row.getString("me"),
					row.getString("scope"), SqlTime.instant(row.getString("created_at")),
					SqlTime.instant(row.getString("expires_at"))))
			.optional();
	}

	/**
	 * The grant of a refresh token that was used before and is not revoked.
	 * @param hash the refresh token's hash
	 * @return its grant
	 */
	Optional<String> grantOfUsedRefresh(String hash) {
		return this.jdbc.sql(
				"SELECT grant_id FROM refresh_tokens WHERE token_hash = ? AND used_at IS NOT NULL AND revoked_at IS NULL")
			.param(hash)
			.query(String.class)
			.optional();
	}

	Optional<String> grantOfRefresh(String hash) {
		return this.jdbc.sql("SELECT grant_id FROM refresh_tokens WHERE token_hash = ?")
			.param(hash)
			.query(String.class)
			.optional();
	}

	/**
	 * The hash and grant of an access token.
	 * @param id its row id
	 * @return them, if there is such a row
	 */
	Optional<TokenKey> findKey(long id) {
		return this.jdbc.sql("SELECT token_hash, grant_id FROM tokens WHERE id = ?")
			.param(id)
			.query((row, number) -> new TokenKey(row.getString("token_hash"), row.getString("grant_id")))
			.optional();
	}

	void revokeAccess(String hash, Instant now) {
		this.jdbc.sql("UPDATE tokens SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL")
			.params(SqlTime.text(now), hash)
			.update();
	}

	/**
	 * Revokes every token of a grant.
	 * @param grantId the grant
	 * @param now the time
	 * @return the hashes of the access tokens revoked
	 */
	List<String> revokeGrant(String grantId, Instant now) {
		String time = SqlTime.text(now);
		List<String> revoked = this.jdbc
			.sql("UPDATE tokens SET revoked_at = ? WHERE grant_id = ? AND revoked_at IS NULL RETURNING token_hash")
			.params(time, grantId)
			.query(String.class)
			.list();
		this.jdbc.sql("UPDATE refresh_tokens SET revoked_at = ? WHERE grant_id = ? AND revoked_at IS NULL")
			.params(time, grantId)
			.update();
		return revoked;
	}

	/**
	 * Revokes every access and refresh token.
	 * @param now the time
	 * @return how many access tokens were revoked
	 */
	int revokeAll(Instant now) {
		String time = SqlTime.text(now);
		int revoked = this.jdbc.sql("UPDATE tokens SET revoked_at = ? WHERE revoked_at IS NULL").param(time).update();
		this.jdbc.sql("UPDATE refresh_tokens SET revoked_at = ? WHERE revoked_at IS NULL").param(time).update();
		return revoked;
	}

	/**
	 * The tokens that still work, or that their grant's refresh token can still renew
	 * (only the newest of each grant then), by client and newest first.
	 * @param now the time
	 * @return the tokens
	 */
	List<ActiveToken> active(Instant now) {
		String time = SqlTime.text(now);
		return this.jdbc.sql("""
				SELECT a.id, a.client_id, a.scope, a.created_at, a.last_used_at, a.expires_at, a.renewable_until FROM (
				    SELECT t.id, t.client_id, t.scope, t.created_at, t.last_used_at, t.expires_at, t.grant_id,
				        (SELECT max(r.expires_at) FROM refresh_tokens r WHERE r.grant_id = t.grant_id
				            AND r.used_at IS NULL AND r.revoked_at IS NULL) AS renewable_until
				    FROM tokens t WHERE t.revoked_at IS NULL) a
				WHERE a.expires_at > ?
				   OR (a.renewable_until > ? AND a.id = (SELECT max(n.id) FROM tokens n WHERE n.grant_id = a.grant_id))
				ORDER BY coalesce(a.client_id, ''), a.created_at DESC, a.id DESC""")
			.params(time, time)
			.query((row, number) -> new ActiveToken(row.getLong("id"), row.getString("client_id"),
					Scopes.join(Scopes.parse(row.getString("scope"))), SqlTime.instant(row.getString("created_at")),
					SqlTime.instant(row.getString("last_used_at")), SqlTime.instant(row.getString("expires_at")),
					SqlTime.instant(row.getString("renewable_until"))))
			.list();
	}

	/**
	 * Deletes expired refresh tokens, and expired access tokens whose grant cannot be
	 * renewed any more.
	 * @param now the time
	 * @return how many rows were deleted
	 */
	int deleteExpired(Instant now) {
		String time = SqlTime.text(now);
		int refresh = this.jdbc.sql("DELETE FROM refresh_tokens WHERE expires_at <= ?").param(time).update();
		int access = this.jdbc.sql("""
				DELETE FROM tokens WHERE expires_at <= ? AND (grant_id IS NULL OR NOT EXISTS (
				    SELECT 1 FROM refresh_tokens r WHERE r.grant_id = tokens.grant_id
				        AND r.used_at IS NULL AND r.revoked_at IS NULL))""").param(time).update();
		return refresh + access;
	}

	/**
	 * An access token's row.
	 *
	 * @param id the row id
	 * @param token the token
	 * @param lastUsedAt when it was last used, or {@code null}
	 */
	record StoredToken(long id, AccessToken token, Instant lastUsedAt) {
	}

	/**
	 * A refresh token's row.
	 *
	 * @param grantId its grant
	 * @param me the owner
	 * @param scope the grant's scope
	 * @param createdAt when it was issued
	 * @param expiresAt when it expires
	 */
	record StoredRefresh(String grantId, String me, String scope, Instant createdAt, Instant expiresAt) {
	}

	/**
	 * How an access token is found and what grant it belongs to.
	 *
	 * @param hash the token's hash
	 * @param grantId its grant, or {@code null} for tokens issued without one
	 */
	record TokenKey(String hash, String grantId) {
	}

}
