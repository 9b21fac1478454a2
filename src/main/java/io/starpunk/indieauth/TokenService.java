package io.starpunk.indieauth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.http.HttpStatus;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.starpunk.config.Secrets;
import io.starpunk.config.Sha256;
import io.starpunk.config.SqlTime;

/**
 * Access and refresh tokens: issuing, the one verifier every protected endpoint uses,
 * refresh with rotation, revocation and clean-up.
 * <p>
 * Tokens are 256 random bits (base64url); the database holds only the lowercase hex
 * SHA-256 of each, the scheme StarPunk 1.0.0-rc.2 and later used, so their tokens keep
 * working. An access token lives as long as the owner chose on the consent page; its
 * refresh token 30 days longer ({@link #REFRESH_EXTRA}), so a client that comes back
 * within a month of its access token's expiry is renewed without asking the owner. A
 * refresh token is used once; presenting it again revokes its whole grant.
 * <p>
 * Verification is answered from a one-minute cache keyed by the hash
 * ({@link TokenCache}); every revocation here evicts at once. {@code last_used_at} is
 * written when the database is read, at most once a minute per token.
 */
@Component
public class TokenService implements GrantRevocation, MeterBinder {

	private static final Log log = LogFactory.getLog(TokenService.class);

	/** How much longer a refresh token lives than its access token. */
	static final Duration REFRESH_EXTRA = Duration.ofDays(30);

	/** The lifetime of a grant whose code carries none. */
	static final Duration DEFAULT_LIFETIME = Duration.ofDays(14);

	private static final Duration LAST_USED_PRECISION = Duration.ofMinutes(1);

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final SecureRandom random;

	private final TokenCache cache;

	TokenService(JdbcClient jdbc, TransactionTemplate transactions, Clock clock, SecureRandom random) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.clock = clock;
		this.random = random;
		this.cache = new TokenCache(clock);
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.cache.bindTo(registry);
	}

	/**
	 * Verifies a bearer token.
	 * @param bearerToken the token as the client sent it
	 * @return the token, when it is known, not revoked and not expired
	 */
	public Optional<AccessToken> verify(String bearerToken) {
		if (bearerToken == null || bearerToken.isBlank() || bearerToken.length() > 512) {
			return Optional.empty();
		}
		String hash = Sha256.hex(bearerToken);
		return this.cache.get(hash, () -> load(hash));
	}

	/**
	 * Issues an access and a refresh token for a redeemed code.
	 * @param grant what the owner approved
	 * @param grantId the grant's id (the code's hash)
	 * @return the tokens, to hand to the client once
	 */
	IssuedTokens issue(CodeGrant grant, String grantId) {
		Duration lifetime = lifetimeOf(grant.tokenLifetime());
		String scope = Scopes.join(Scopes.parse(grant.scope()));
		return this.transactions
			.execute((status) -> store(grantId, grant.me(), grant.clientId(), scope, scope, lifetime));
	}

	/**
	 * Exchanges a refresh token for a new pair; the old one is dead from now on.
	 * @param refreshToken the refresh token
	 * @param clientId the client presenting it
	 * @param requestedScope a narrower scope, or {@code null} for the granted one
	 * @return the new tokens
	 * @throws OAuthException {@code invalid_grant} for an unknown, expired, revoked or
	 * used token (a used one also revokes its grant), {@code invalid_scope} for a scope
	 * beyond the grant
	 */
	IssuedTokens refresh(String refreshToken, String clientId, String requestedScope) {
		String hash = Sha256.hex(refreshToken);
		String now = SqlTime.text(this.clock.instant());
		IssuedTokens rotated = this.transactions.execute((status) -> {
			Optional<RefreshRow> used = this.jdbc.sql("""
					UPDATE refresh_tokens SET used_at = ?
					WHERE token_hash = ? AND client_id = ? AND used_at IS NULL AND revoked_at IS NULL
					    AND expires_at > ?
					RETURNING grant_id, me, scope, created_at, expires_at""")
				.params(now, hash, clientId, now)
				.query((row, number) -> new RefreshRow(row.getString("grant_id"), row.getString("me"),
						row.getString("scope"), SqlTime.instant(row.getString("created_at")),
						SqlTime.instant(row.getString("expires_at"))))
				.optional();
			if (used.isEmpty()) {
				return null;
			}
			RefreshRow row = used.get();
			Set<String> granted = Scopes.parse(row.scope());
			Set<String> asked = (requestedScope == null || requestedScope.isBlank()) ? granted
					: Scopes.parse(requestedScope);
			if (!granted.containsAll(asked) || Scopes.identityOnly(asked)) {
				throw new OAuthException(HttpStatus.BAD_REQUEST, "invalid_scope",
						"The scope asked for is not within the scope granted");
			}
			Duration lifetime = lifetimeOf(Duration.between(row.createdAt(), row.expiresAt()).minus(REFRESH_EXTRA));
			return store(row.grantId(), row.me(), clientId, Scopes.join(asked), Scopes.join(granted), lifetime);
		});
		if (rotated != null) {
			return rotated;
		}
		Optional<String> reusedGrant = this.jdbc.sql(
				"SELECT grant_id FROM refresh_tokens WHERE token_hash = ? AND used_at IS NOT NULL AND revoked_at IS NULL")
			.param(hash)
			.query(String.class)
			.optional();
		if (reusedGrant.isPresent()) {
			revokeGrant(reusedGrant.get());
			throw OAuthException
				.invalidGrant("The refresh token was already used; every token of its grant is revoked");
		}
		throw OAuthException.invalidGrant("The refresh token is not valid, has expired or belongs to another client");
	}

	/**
	 * Revokes a token of either kind (RFC 7009): an access token alone, a refresh token
	 * with its whole grant. Unknown tokens are ignored.
	 * @param token the token
	 */
	void revoke(String token) {
		if (token == null || token.isBlank() || token.length() > 512) {
			return;
		}
		String hash = Sha256.hex(token);
		this.jdbc.sql("UPDATE tokens SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL")
			.params(SqlTime.text(this.clock.instant()), hash)
			.update();
		this.cache.evict(List.of(hash));
		this.jdbc.sql("SELECT grant_id FROM refresh_tokens WHERE token_hash = ?")
			.param(hash)
			.query(String.class)
			.optional()
			.ifPresent(this::revokeGrant);
	}

	@Override
	public void revokeGrant(String grantId) {
		String now = SqlTime.text(this.clock.instant());
		List<String> revoked = this.jdbc
			.sql("UPDATE tokens SET revoked_at = ? WHERE grant_id = ? AND revoked_at IS NULL RETURNING token_hash")
			.params(now, grantId)
			.query(String.class)
			.list();
		this.jdbc.sql("UPDATE refresh_tokens SET revoked_at = ? WHERE grant_id = ? AND revoked_at IS NULL")
			.params(now, grantId)
			.update();
		this.cache.evict(revoked);
	}

	/**
	 * Revokes one access token, and with it its grant (its refresh token).
	 * @param id the token's row id
	 * @return whether there was such a token
	 */
	public boolean revokeById(long id) {
		Optional<String[]> token = this.jdbc.sql("SELECT token_hash, grant_id FROM tokens WHERE id = ?")
			.param(id)
			.query((row, number) -> new String[] { row.getString("token_hash"), row.getString("grant_id") })
			.optional();
		if (token.isEmpty()) {
			return false;
		}
		this.jdbc.sql("UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")
			.params(SqlTime.text(this.clock.instant()), id)
			.update();
		this.cache.evict(List.of(token.get()[0]));
		if (token.get()[1] != null) {
			revokeGrant(token.get()[1]);
		}
		return true;
	}

	/**
	 * Revokes every access and refresh token.
	 * @return how many access tokens were revoked
	 */
	public int revokeAll() {
		String now = SqlTime.text(this.clock.instant());
		int revoked = this.jdbc.sql("UPDATE tokens SET revoked_at = ? WHERE revoked_at IS NULL").param(now).update();
		this.jdbc.sql("UPDATE refresh_tokens SET revoked_at = ? WHERE revoked_at IS NULL").param(now).update();
		this.cache.evictAll();
		return revoked;
	}

	/**
	 * The tokens that still work, or that their grant's refresh token can still renew
	 * (only the newest of each grant then), by client and newest first.
	 * @return the tokens
	 */
	public List<ActiveToken> active() {
		String now = SqlTime.text(this.clock.instant());
		return this.jdbc.sql("""
				SELECT a.id, a.client_id, a.scope, a.created_at, a.last_used_at, a.expires_at, a.renewable_until FROM (
				    SELECT t.id, t.client_id, t.scope, t.created_at, t.last_used_at, t.expires_at, t.grant_id,
				        (SELECT max(r.expires_at) FROM refresh_tokens r WHERE r.grant_id = t.grant_id
				            AND r.used_at IS NULL AND r.revoked_at IS NULL) AS renewable_until
				    FROM tokens t WHERE t.revoked_at IS NULL) a
				WHERE a.expires_at > ?
				   OR (a.renewable_until > ? AND a.id = (SELECT max(n.id) FROM tokens n WHERE n.grant_id = a.grant_id))
				ORDER BY coalesce(a.client_id, ''), a.created_at DESC, a.id DESC""")
			.params(now, now)
			.query((row, number) -> new ActiveToken(row.getLong("id"), row.getString("client_id"),
					Scopes.join(Scopes.parse(row.getString("scope"))), SqlTime.instant(row.getString("created_at")),
					SqlTime.instant(row.getString("last_used_at")), SqlTime.instant(row.getString("expires_at")),
					SqlTime.instant(row.getString("renewable_until"))))
			.list();
	}

	/**
	 * Deletes expired refresh tokens, and expired access tokens whose grant cannot be
	 * renewed any more.
	 * @return how many rows were deleted
	 */
	int deleteExpired() {
		String now = SqlTime.text(this.clock.instant());
		int refresh = this.jdbc.sql("DELETE FROM refresh_tokens WHERE expires_at <= ?").param(now).update();
		int access = this.jdbc.sql("""
				DELETE FROM tokens WHERE expires_at <= ? AND (grant_id IS NULL OR NOT EXISTS (
				    SELECT 1 FROM refresh_tokens r WHERE r.grant_id = tokens.grant_id
				        AND r.used_at IS NULL AND r.revoked_at IS NULL))""").param(now).update();
		return refresh + access;
	}

	private IssuedTokens store(String grantId, String me, String clientId, String accessScope, String grantScope,
			Duration lifetime) {
		Instant now = this.clock.instant();
		String accessToken = newToken();
		String refreshToken = newToken();
		this.jdbc.sql("""
				INSERT INTO tokens (token_hash, me, client_id, scope, created_at, expires_at, grant_id)
				VALUES (?, ?, ?, ?, ?, ?, ?)""")
			.params(Sha256.hex(accessToken), me, clientId, accessScope, SqlTime.text(now),
					SqlTime.text(now.plus(lifetime)), grantId)
			.update();
		this.jdbc.sql("""
				INSERT INTO refresh_tokens (token_hash, grant_id, me, client_id, scope, created_at, expires_at)
				VALUES (?, ?, ?, ?, ?, ?, ?)""")
			.params(Sha256.hex(refreshToken), grantId, me, clientId, grantScope, SqlTime.text(now),
					SqlTime.text(now.plus(lifetime).plus(REFRESH_EXTRA)))
			.update();
		return new IssuedTokens(accessToken, refreshToken, me, clientId, accessScope, lifetime);
	}

	private Optional<AccessToken> load(String hash) {
		Instant now = this.clock.instant();
		Optional<TokenRow> found = this.jdbc.sql("""
				SELECT id, me, client_id, scope, created_at, expires_at, last_used_at FROM tokens
				WHERE token_hash = ? AND revoked_at IS NULL""")
			.param(hash)
			.query((row, number) -> new TokenRow(row.getLong("id"),
					new AccessToken(row.getString("me"), row.getString("client_id"), row.getString("scope"),
							SqlTime.instant(row.getString("created_at")), SqlTime.instant(row.getString("expires_at"))),
					SqlTime.instant(row.getString("last_used_at"))))
			.optional()
			.filter((row) -> row.token().expiresAt().isAfter(now));
		found.filter((row) -> row.lastUsedAt() == null || !row.lastUsedAt().plus(LAST_USED_PRECISION).isAfter(now))
			.ifPresent((row) -> noteUse(row.id(), now));
		return found.map(TokenRow::token);
	}

	/**
	 * Records when a token was last used. It is bookkeeping: a database too busy to take
	 * it does not refuse a valid token; the next use a minute on records it.
	 */
	private void noteUse(long id, Instant now) {
		try {
			this.jdbc.sql("UPDATE tokens SET last_used_at = ? WHERE id = ?").params(SqlTime.text(now), id).update();
		}
		catch (DataAccessException ex) {
			log.debug("Could not record when a token was last used: " + ex.getMostSpecificCause().getMessage());
		}
	}

	private record TokenRow(long id, AccessToken token, Instant lastUsedAt) {
	}

	private record RefreshRow(String grantId, String me, String scope, Instant createdAt, Instant expiresAt) {
	}

	private String newToken() {
		return Secrets.newToken(this.random);
	}

	private static Duration lifetimeOf(Duration chosen) {
		return (chosen == null || chosen.isNegative() || chosen.isZero()) ? DEFAULT_LIFETIME : chosen;
	}

}
