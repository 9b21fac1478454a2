package io.starpunk.indieauth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.starpunk.config.Secrets;
import io.starpunk.config.Sha256;

/**
 * Authorization codes: 256 random bits, of which the database sees only the SHA-256 hex;
 * ten minutes at most; used once, which one {@code UPDATE ... RETURNING} decides, so of
 * two concurrent redemptions exactly one wins. Writes are transactions (joining the
 * caller's: a code is used up in the same transaction that issues its tokens, see
 * {@link CodeExchange}).
 */
@Component
class AuthorizationCodes {

	static final Duration LIFETIME = Duration.ofMinutes(10);

	/** How long used and expired codes are kept, to recognise a code presented again. */
	static final Duration KEPT = Duration.ofDays(1);

	private final AuthorizationCodeRepository codes;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final SecureRandom random;

	AuthorizationCodes(AuthorizationCodeRepository codes, TransactionTemplate transactions, Clock clock,
			SecureRandom random) {
		this.codes = codes;
		this.transactions = transactions;
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
		this.transactions
			.executeWithoutResult((status) -> this.codes.insert(Sha256.hex(code), grant, now, now.plus(LIFETIME)));
		return code;
	}

	/**
	 * Uses a code up, in the caller's transaction if there is one.
	 * @param code the code as the client sent it
	 * @return the grant, or that the code was used before, or that it is not valid
	 */
	Redemption redeem(String code) {
		if (code == null || code.isEmpty() || code.length() > 512) {
			return new Redemption.Invalid();
		}
		String hash = Sha256.hex(code);
		return this.transactions.execute((status) -> {
			Optional<CodeGrant> redeemed = this.codes.use(hash, this.clock.instant());
			if (redeemed.isPresent()) {
				return new Redemption.Redeemed(redeemed.get(), hash);
			}
			return this.codes.wasUsed(hash) ? new Redemption.Reused(hash) : new Redemption.Invalid();
		});
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
		return this.codes.scopeOfLive(Sha256.hex(code), this.clock.instant());
	}

}
