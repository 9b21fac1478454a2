package io.starpunk.indieauth;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Introspection ({@code POST /auth/introspect}, RFC 7662, for holders of an active token
 * of this server), revocation ({@code POST /auth/revoke}, RFC 7009, always 200) and
 * userinfo ({@code GET /auth/userinfo}, with the profile scope).
 */
@RestController
class TokenInfoController {

	private final TokenVerifier verifier;

	private final TokenGrants grants;

	private final Profiles profiles;

	TokenInfoController(TokenVerifier verifier, TokenGrants grants, Profiles profiles) {
		this.verifier = verifier;
		this.grants = grants;
		this.profiles = profiles;
	}

	@PostMapping("/auth/introspect")
	ResponseEntity<Object> introspect(HttpServletRequest request) {
		this.verifier.verify(OAuthRequests.bearer(request)).orElseThrow(OAuthRequests::invalidToken);
		OAuthRequests.requireForm(request);
		OAuthJson.Introspection answer = this.verifier.verify(OAuthRequests.required(request, "token"))
			.map(OAuthJson.Introspection::of)
			.orElse(OAuthJson.Introspection.INACTIVE);
		return TokenController.noStore(HttpStatus.OK).body(answer);
	}

	@PostMapping("/auth/revoke")
	ResponseEntity<Object> revoke(HttpServletRequest request) {
		OAuthRequests.requireForm(request);
		OAuthRequests.param(request, "token_type_hint");
		this.grants.revoke(OAuthRequests.required(request, "token"));
		return TokenController.noStore(HttpStatus.OK).build();
	}

	@GetMapping("/auth/userinfo")
	ResponseEntity<Object> userinfo(HttpServletRequest request) {
		AccessToken token = this.verifier.verify(OAuthRequests.bearer(request))
			.orElseThrow(OAuthRequests::invalidToken);
		if (!token.hasScope("profile")) {
			throw new OAuthException(HttpStatus.FORBIDDEN, "insufficient_scope",
					"This token was not granted the profile scope");
		}
		return TokenController.noStore(HttpStatus.OK).body(this.profiles.forScopes(token.scopes()));
	}

}
