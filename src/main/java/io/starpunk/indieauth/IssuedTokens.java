package io.starpunk.indieauth;

import java.time.Duration;

/**
 * A new access token and its refresh token, as the token endpoint hands them to the
 * client, once; only their hashes are stored.
 *
 * @param accessToken the access token
 * @param refreshToken the refresh token
 * @param me the owner
 * @param clientId the client
 * @param scope the access token's scopes, space-separated
 * @param expiresIn how long the access token lives
 */
record IssuedTokens(String accessToken, String refreshToken, String me, String clientId, String scope,
		Duration expiresIn) {

	@Override
	public String toString() {
		return "IssuedTokens[me=" + this.me + ", clientId=" + this.clientId + ", scope=" + this.scope + "]";
	}

}
