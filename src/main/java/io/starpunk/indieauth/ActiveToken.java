package io.starpunk.indieauth;

import java.time.Instant;

/**
 * An access token that is not revoked and still usable, or renewable with its grant's
 * refresh token, for the owner's list of tokens.
 *
 * @param id the token's row id
 * @param clientId the client (may be {@code null} for tokens StarPunk issued)
 * @param scope its scopes, space-separated
 * @param createdAt when it was issued
 * @param lastUsedAt when it was last used (to the minute), or {@code null}
 * @param expiresAt when it expires
 * @param renewableUntil until when its grant's refresh token can renew it, or
 * {@code null}
 */
public record ActiveToken(long id, String clientId, String scope, Instant createdAt, Instant lastUsedAt,
		Instant expiresAt, Instant renewableUntil) {
}
