package io.starpunk.indieauth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

import io.starpunk.config.Sha256;

/**
 * The one verifier of this server's bearer tokens, for every protected endpoint (the
 * token endpoint's own, Micropub, the media endpoint).
 * <p>
 * Tokens are 256 random bits (base64url); the database holds only the lowercase hex
 * SHA-256 of each, the scheme StarPunk 1.0.0-rc.2 and later used, so their tokens keep
 * working. Answers come from a one-minute cache keyed by the hash ({@link TokenCache}),
 * which every revocation evicts once it is committed. {@code last_used_at} is written
 * when the database is read, at most once a minute per token, in its own short
 * transaction (so through the one write queue).
 */
@Component
public class TokenVerifier {

	private static final Log log = LogFactory.getLog(TokenVerifier.class);

	private static final Duration LAST_USED_PRECISION = Duration.ofMinutes(1);

	private final TokenRepository tokens;

	private final TokenCache cache;

	private final TransactionTemplate transactions;

	private final Clock clock;

	TokenVerifier(TokenRepository tokens, TokenCache cache, TransactionTemplate transactions, Clock clock) {
		this.tokens = tokens;
		this.cache = cache;
		this.transactions = transactions;
		this.clock = clock;
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

	private Optional<AccessToken> load(String hash) {
		Instant now = this.clock.instant();
		Optional<TokenRepository.StoredToken> found = this.tokens.findUnrevoked(hash)
			.filter((row) -> row.token().expiresAt().isAfter(now));
		found.filter((row) -> row.lastUsedAt() == null || !row.lastUsedAt().plus(LAST_USED_PRECISION).isAfter(now))
			.ifPresent((row) -> noteUse(row.id(), now));
		return found.map(TokenRepository.StoredToken::token);
	}

	/**
	 * Records when a token was last used. It is bookkeeping: a database too busy to take
	 * it does not refuse a valid token; the next use a minute on records it.
	 */
	private void noteUse(long id, Instant now) {
		try {
			this.transactions.executeWithoutResult((status) -> this.tokens.noteUse(id, now));
		}
		catch (DataAccessException | TransactionException ex) {
			log.debug("Could not record when a token was last used: " + ex.getMostSpecificCause().getMessage());
		}
	}

}
