package io.starpunk.indieauth;

import java.time.Duration;

/**
 * What the owner approved on the consent page, and what the code stands for.
 *
 * @param me the owner's identity URL
 * @param clientId the client
 * @param redirectUri where the code was sent; redeeming it must name the same
 * @param scope the granted scopes, space-separated (may be empty: profile-only)
 * @param codeChallenge the PKCE S256 challenge, or {@code null} when the authorization
 * request had none ({@code INDIEAUTH_PKCE=optional}): then no verifier may be sent
 * @param tokenLifetime how long the tokens issued for it live
 */
public record CodeGrant(String me, String clientId, String redirectUri, String scope, String codeChallenge,
		Duration tokenLifetime) {
}
