package io.starpunk.indieauth;

import org.springframework.stereotype.Component;

import io.starpunk.config.StarpunkSettings;

/**
 * Redeeming an authorization code, the same way at the token endpoint and (for
 * profile-only requests) at the authorization endpoint: the code must be live and unused,
 * and the request must name the same client_id and redirect_uri and carry the verifier of
 * the challenge. A code issued without a challenge ({@code INDIEAUTH_PKCE=optional}) is
 * redeemed without a verifier, and refuses one (OAuth 2.1: a verifier for a request that
 * had no challenge fails with {@code invalid_grant}). A code presented a second time
 * revokes everything its grant issued.
 */
@Component
class CodeExchange {

	private final AuthorizationCodes codes;

	private final GrantRevocation revocation;

	private final boolean pkceRequired;

	CodeExchange(AuthorizationCodes codes, GrantRevocation revocation, StarpunkSettings settings) {
		this.codes = codes;
		this.revocation = revocation;
		this.pkceRequired = settings.pkceRequired();
	}

	/**
	 * Redeems a code.
	 * @param code the code
	 * @param clientId the client_id sent with it
	 * @param redirectUri the redirect_uri sent with it
	 * @param verifier the code_verifier sent with it, or {@code null}
	 * @return the grant and its id
	 * @throws OAuthException {@code invalid_request} for missing parameters,
	 * {@code invalid_grant} for anything else
	 */
	Redemption.Redeemed redeem(String code, String clientId, String redirectUri, String verifier) {
		if (isBlank(code) || isBlank(clientId) || isBlank(redirectUri)) {
			throw OAuthException.invalidRequest("code, client_id and redirect_uri are required");
		}
		if (isBlank(verifier) && this.pkceRequired) {
			throw OAuthException.invalidRequest("code_verifier is required (PKCE)");
		}
		Redemption redemption = this.codes.redeem(code);
		if (redemption instanceof Redemption.Reused reused) {
			this.revocation.revokeGrant(reused.grantId());
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

	private static boolean isBlank(String value) {
		return value == null || value.isBlank();
	}

}
