package io.starpunk.indieauth;

import java.time.Instant;
import java.util.Set;

/**
 * An active access token, as the one verifier answers it to every protected endpoint.
 *
 * @param me the owner's identity URL the token speaks for
 * @param clientId the client it was issued to (may be {@code null} for tokens StarPunk
 * issued without one)
 * @param scopes its scopes
 * @param issuedAt when it was issued
 * @param expiresAt when it expires
 */
public record AccessToken(String me, String clientId, Set<String> scopes, Instant issuedAt, Instant expiresAt) {

	public AccessToken {
		scopes = Set.copyOf(scopes);
	}

	/**
	 * A token whose scopes are given as OAuth writes them.
	 * @param me the owner's identity URL the token speaks for
	 * @param clientId the client it was issued to, or {@code null}
	 * @param scope its scopes, space-separated (empty or {@code null} for none)
	 * @param issuedAt when it was issued
	 * @param expiresAt when it expires
	 */
	public AccessToken(String me, String clientId, String scope, Instant issuedAt, Instant expiresAt) {
		this(me, clientId, Scopes.parse(scope), issuedAt, expiresAt);
	}

	/**
	 * Whether the token carries a scope.
	 * @param scope the scope
	 * @return whether it was granted
	 */
	public boolean hasScope(String scope) {
		return this.scopes.contains(scope);
	}

	/** The scopes, space-separated in a stable order, as OAuth writes them. */
	public String scope() {
		return Scopes.join(this.scopes);
	}

}
