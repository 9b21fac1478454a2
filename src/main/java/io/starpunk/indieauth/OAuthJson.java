package io.starpunk.indieauth;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The JSON bodies of the token, introspection, userinfo and metadata endpoints, in
 * OAuth's snake_case; absent members are left out.
 */
final class OAuthJson {

	private OAuthJson() {
	}

	/** An OAuth 2.0 error (RFC 6749 section 5.2). */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Error(String error, String errorDescription) {
	}

	/** The owner's profile, per the granted scopes. */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Profile(String name, String url, String photo, String email) {
	}

	/** A token response (RFC 6749 section 5.1, IndieAuth section 5.3.3). */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record TokenResponse(String accessToken, String tokenType, String scope, String me, Long expiresIn,
			String refreshToken, Profile profile) {
	}

	/** What the legacy {@code GET /auth/token} says about a token. */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	record Verification(String me, String clientId, String scope) {
	}

	/** An introspection answer (RFC 7662 section 2.2). */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Introspection(boolean active, String me, String clientId, String scope, Long exp, Long iat,
			String tokenType) {

		static final Introspection INACTIVE = new Introspection(false, null, null, null, null, null, null);

		static Introspection of(AccessToken token) {
			return new Introspection(true, token.me(), token.clientId(), token.scope(),
					token.expiresAt().getEpochSecond(), token.issuedAt().getEpochSecond(), "Bearer");
		}

	}

}
