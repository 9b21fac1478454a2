package io.starpunk.indieauth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.starpunk.config.Secrets;
import io.starpunk.config.Sha256;

/**
 * What a grant issues and what ends it: tokens for a redeemed code, refresh with
 * rotation, revocation (by a client, by the owner, of a reused code's or refresh token's
 * grant), and the owner's list of tokens.
 * <p>
 * An access token lives as long as the owner chose on the consent page; its refresh token
 * 30 days longer ({@link #REFRESH_EXTRA}), so a client that comes back within a month of
 * its access token's expiry is renewed without asking the owner. A refresh token is used
 * once; presenting it again revokes its whole grant.
 * <p>
 * Each operation is one transaction (joining the caller's, as a code's redemption does),
 * so through the one write queue; revoked tokens leave the verifier's cache once the
 * revocation is committed, never before (a verification in between would cache the token
 * again as still active).
 */
@Component
public class TokenGrants {

	/** How much longer a refresh token lives than its access token. */
	static final Duration REFRESH_EXTRA = Duration.ofDays(30);

	/** The lifetime of a grant whose code carries none. */
	static final Duration DEFAULT_LIFETIME = Duration.ofDays(14);

	private final TokenRepository tokens;

	private final TokenCache cache;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final SecureRandom random;

	TokenGrants(TokenRepository tokens, TokenCache cache, TransactionTemplate transactions, Clock clock,
			SecureRandom random) {
		this.tokens = tokens;
		this.cache = cache;
		this.transactions = transactions;
		this.clock = clock;
		this.random = random;
	}

	/**
	 * Issues an access and a refresh token for a redeemed code, in the caller's
	 * transaction if there is one (the code's redemption).
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
	 * beyond the grant (the refresh token is then not used up)
	 */
	IssuedTokens refresh(String refreshToken, String clientId, String requestedScope) {
		String hash = Sha256.hex(refreshToken);
		Refreshed refreshed = this.transactions.execute((status) -> {
			Instant now = this.clock.instant();
			var used = this.tokens.useRefresh(hash, clientId, now);
			if (used.isEmpty()) {
				var reusedGrant = this.tokens.grantOfUsedRefresh(hash);
				reusedGrant.ifPresent(this::revokeGrant);
				return new Refreshed(null, reusedGrant.isPresent());
			}
			TokenRepository.StoredRefresh row = used.get();
			Set<String> granted = Scopes.parse(row.scope());
			Set<String> asked = (requestedScope == null || requestedScope.isBlank()) ? granted
					: Scopes.parse(requestedScope);
			if (!granted.containsAll(asked) || Scopes.identityOnly(asked)) {
				throw new OAuthException(HttpStatus.BAD_REQUEST, "invalid_scope",
						"The scope asked for is not within the scope granted");
			}
			Duration lifetime = lifetimeOf(Duration.between(row.createdAt(), row.expiresAt()).minus(REFRESH_EXTRA));
			return new Refreshed(
					store(row.grantId(), row.me(), clientId, Scopes.join(asked), Scopes.join(granted), lifetime),
					false);
		});
		if (refreshed.tokens() != null) {
			return refreshed.tokens();
		}
		if (refreshed.reused()) {
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
		this.transactions.executeWithoutResult((status) -> {
			this.tokens.revokeAccess(hash, this.clock.instant());
			evictOnCommit(List.of(hash));
			this.tokens.grantOfRefresh(hash).ifPresent(this::revokeGrant);
		});
	}

	/**
	 * Revokes every access and refresh token a grant issued, in the caller's transaction
	 * if there is one.
	 * @param grantId the grant (the hash of the code that started it)
	 */
	void revokeGrant(String grantId) {
		this.transactions
			.executeWithoutResult((status) -> evictOnCommit(this.tokens.revokeGrant(grantId, this.clock.instant())));
	}

	/**
	 * Revokes one access token, and with it its grant (its refresh token).
	 * @param id the token's row id
	 * @return whether there was such a token
	 */
	public boolean revokeById(long id) {
		return Boolean.TRUE.equals(this.transactions.execute((status) -> {
			var key = this.tokens.findKey(id);
			if (key.isEmpty()) {
				return false;
			}
			this.tokens.revokeAccess(key.get().hash(), this.clock.instant());
			evictOnCommit(List.of(key.get().hash()));
			if (key.get().grantId() != null) {
				revokeGrant(key.get().grantId());
			}
			return true;
		}));
	}

	/**
	 * Revokes every access and refresh token.
	 * @return how many access tokens were revoked
	 */
	public int revokeAll() {
		Integer revoked = this.transactions.execute((status) -> {
			int count = this.tokens.revokeAll(this.clock.instant());
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					TokenGrants.this.cache.evictAll();
				}
			});
			return count;
		});
		return (revoked != null) ? revoked : 0;
	}

	/**
	 * The tokens that still work, or that their grant's refresh token can still renew
	 * (only the newest of each grant then), by client and newest first.
	 * @return the tokens
	 */
	public List<ActiveToken> active() {
		return this.tokens.active(this.clock.instant());
	}

	private IssuedTokens store(String grantId, String me, String clientId, String accessScope, String grantScope,
			Duration lifetime) {
		Instant now = this.clock.instant();
		String accessToken = Secrets.newToken(this.random);
		String refreshToken = Secrets.newToken(this.random);
		this.tokens.insertAccess(Sha256.hex(accessToken), me, clientId, accessScope, now, now.plus(lifetime), grantId);
		this.tokens.insertRefresh(Sha256.hex(refreshToken), grantId, me, clientId, grantScope, now,
				now.plus(lifetime).plus(REFRESH_EXTRA));
		return new IssuedTokens(accessToken, refreshToken, me, clientId, accessScope, lifetime);
	}

	/** Forgets revoked tokens once the transaction that revoked them has committed. */
	private void evictOnCommit(List<String> hashes) {
		if (hashes.isEmpty()) {
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				TokenGrants.this.cache.evict(hashes);
			}
		});
	}

	private static Duration lifetimeOf(Duration chosen) {
		return (chosen == null || chosen.isNegative() || chosen.isZero()) ? DEFAULT_LIFETIME : chosen;
	}

	/**
	 * What a refresh came to.
	 *
	 * @param tokens the new pair, or {@code null}
	 * @param reused whether the token had been used before (its grant is now revoked)
	 */
	private record Refreshed(IssuedTokens tokens, boolean reused) {
	}

}
