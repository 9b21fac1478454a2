package io.starpunk.indieauth;

import java.util.List;

/**
 * An authorization request that passed every check.
 *
 * @param clientId the client_id, exactly as sent (the code is bound to it)
 * @param redirectUri the redirect_uri, exactly as sent
 * @param state the client's state, sent back unchanged
 * @param codeChallenge the PKCE S256 challenge, or {@code null} when the client sent none
 * (only with {@code INDIEAUTH_PKCE=optional})
 * @param scopes the known scopes asked for, each once
 * @param client what the client says about itself
 */
record AuthorizationRequest(String clientId, String redirectUri, String state, String codeChallenge,
		List<String> scopes, ClientInfo.Client client) {

	/**
	 * Whether the client protects its code with PKCE.
	 * @return whether a challenge was sent
	 */
	boolean pkce() {
		return this.codeChallenge != null;
	}

}
