package io.starpunk.indieauth;

import java.util.function.Function;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.starpunk.config.StarpunkSettings;

/**
 * Redeeming an authorization code, the same way at the token endpoint and (for
 * profile-only requests) at the authorization endpoint: the code must be live and unused,
 * and the request must name the same client_id and redirect_uri and carry the verifier of
 * the challenge. A code issued without a challenge ({@code INDIEAUTH_PKCE=optional}) is
 * redeemed without a verifier, and refuses one (OAuth 2.1: a verifier for a request that
 * had no challenge fails with {@code invalid_grant}). A code presented a second time
 * revokes everything its grant issued.
 * <p>
 * A redemption is one transaction: the code is used up, and what the caller does with the
 * grant (the token endpoint issues its tokens) is done, together or not at all. A refusal
 * ({@link OAuthException}) is an answer, not a failure: what was written before it is
 * committed (the code stays used up, a reused code's grant stays revoked). Any other
 * failure rolls everything back, and the code can be redeemed again.
 */
@Component
class CodeExchange {

	private final AuthorizationCodes codes;

	private final TokenGrants grants;

	private final TransactionTemplate transactions;

	private final boolean pkceRequired;

	CodeExchange(AuthorizationCodes codes, TokenGrants grants, TransactionTemplate transactions,
			StarpunkSettings settings) {
		this.codes = codes;
		this.grants = grants;
		this.transactions = transactions;
		this.pkceRequired = settings.pkceRequired();
	}

	/**
	 * Redeems a code.
	 * @param code the code
	 * @param clientId the client_id sent with it
	 * @param redirectUri the redirect_uri sent with it
	 * @param verifier the code_verifier sent with it, or {@code null}
	 * @param then what to do with the grant, in the same transaction
	 * @param <T> what that gives
	 * @return what {@code then} gave
	 * @throws OAuthException {@code invalid_request} for missing parameters,
	 * {@code invalid_grant} for anything else, or what {@code then} refused
	 */
	<T> T redeem(String code, String clientId, String redirectUri, String verifier,
			Function<Redemption.Redeemed, T> then) {
		if (isBlank(code) || isBlank(clientId) || isBlank(redirectUri)) {
			throw OAuthException.invalidRequest("code, client_id and redirect_uri are required");
		}
		if (isBlank(verifier) && this.pkceRequired) {
			throw OAuthException.invalidRequest("code_verifier is required (PKCE)");
		}
		Answer<T> answer = this.transactions.execute((status) -> {
			try {
				return new Answer<>(then.apply(checked(this.codes.redeem(code), clientId, redirectUri, verifier)),
						null);
			}
			catch (OAuthException refusal) {
				return new Answer<>(null, refusal);
			}
		});
		if (answer.refusal() != null) {
			throw answer.refusal();
		}
		return answer.value();
	}

	private Redemption.Redeemed checked(Redemption redemption, String clientId, String redirectUri, String verifier) {
		if (redemption instanceof Redemption.Reused reused) {
			this.grants.revokeGrant(reused.grantId());
			throw OAuthException.invalidGrant("The authorization code was already used");
		}
		if (!(redemption instanceof Redemption.Redeemed redeemed)) {
			throw OAuthException.invalidGrant("The authorization code is not valid or has expired");
		}
		CodeGrant grant = redeemed.grant();
		if (!grant.clientId().equals(clientId)) {
			throw OAuthException.invalidGrant("The authorization code was issued to another client");
		}
		if (!grant.redirectUri().equals(redirectUri)) {
			throw OAuthException.invalidGrant("redirect_uri does not match the authorization request");
		}
		if (grant.codeChallenge() == null) {
			if (!isBlank(verifier)) {
				throw OAuthException
					.invalidGrant("code_verifier was sent, but the authorization request had no code_challenge");
			}
		}
		else if (isBlank(verifier)) {
			throw OAuthException
				.invalidGrant("code_verifier is required: the authorization request had a code_challenge");
		}
		else if (!Pkce.verifies(verifier, grant.codeChallenge())) {
			throw OAuthException.invalidGrant("code_verifier does not match the code_challenge");
		}
		return redeemed;
	}

	/**
	 * What a redemption came to: a value, or a refusal to throw once the transaction has
	 * committed.
	 */
	private record Answer<T>(T value, OAuthException refusal) {
	}

	private static boolean isBlank(String value) {
		return value == null || value.isBlank();
	}

}
