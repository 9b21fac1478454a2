package io.starpunk.indieauth;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import io.starpunk.http.ClientAddress;

/**
 * The token endpoint, {@code POST /auth/token}: codes and refresh tokens exchanged for
 * tokens, rate-limited per client address. Kept for StarPunk's clients: {@code GET} with
 * a bearer token says whose it is, and {@code action=revoke} revokes one.
 */
@RestController
class TokenController {

	private final CodeExchange exchange;

	private final AuthorizationCodes codes;

	private final TokenGrants grants;

	private final TokenVerifier verifier;

	private final Profiles profiles;

	private final TokenRateLimit rateLimit;

	private final ClientAddress clientAddress;

	TokenController(CodeExchange exchange, AuthorizationCodes codes, TokenGrants grants, TokenVerifier verifier,
			Profiles profiles, TokenRateLimit rateLimit, ClientAddress clientAddress) {
		this.exchange = exchange;
		this.codes = codes;
		this.grants = grants;
		this.verifier = verifier;
		this.profiles = profiles;
		this.rateLimit = rateLimit;
		this.clientAddress = clientAddress;
	}

	@PostMapping("/auth/token")
	ResponseEntity<Object> token(HttpServletRequest request) {
		this.rateLimit.take(this.clientAddress.key(request)).ifPresent((wait) -> {
			throw new RateLimited(wait);
		});
		OAuthRequests.requireForm(request);
		if ("revoke".equals(OAuthRequests.param(request, "action"))) {
			this.grants.revoke(OAuthRequests.required(request, "token"));
			return noStore(HttpStatus.OK).build();
		}
		String grantType = OAuthRequests.required(request, "grant_type");
		IssuedTokens issued = switch (grantType) {
			case "authorization_code" -> redeemCode(request);
			case "refresh_token" -> this.grants.refresh(OAuthRequests.required(request, "refresh_token"),
					OAuthRequests.required(request, "client_id"), OAuthRequests.param(request, "scope"));
			default -> throw new OAuthException(HttpStatus.BAD_REQUEST, "unsupported_grant_type",
					"grant_type must be authorization_code or refresh_token");
		};
		return noStore(HttpStatus.OK).body(new OAuthJson.TokenResponse(issued.accessToken(), "Bearer", issued.scope(),
				issued.me(), issued.expiresIn().toSeconds(), issued.refreshToken(),
				this.profiles.forScopes(Scopes.parse(issued.scope()))));
	}

	@GetMapping("/auth/token")
	ResponseEntity<Object> verifyToken(HttpServletRequest request) {
		AccessToken token = this.verifier.verify(OAuthRequests.bearer(request))
			.orElseThrow(OAuthRequests::invalidToken);
		return noStore(HttpStatus.OK).body(new OAuthJson.Verification(token.me(), token.clientId(), token.scope()));
	}

	private IssuedTokens redeemCode(HttpServletRequest request) {
		String code = OAuthRequests.param(request, "code");
		boolean identityOnly = this.codes.scopeOfLiveCode(code)
			.map((scope) -> Scopes.identityOnly(Scopes.parse(scope)))
			.orElse(false);
		if (identityOnly) {
			throw OAuthException
				.invalidGrant("this code was issued for authentication only; redeem it at the authorization endpoint");
		}
		// the code is used up and its tokens issued in one transaction
		return this.exchange.redeem(code, OAuthRequests.param(request, "client_id"),
				OAuthRequests.param(request, "redirect_uri"), OAuthRequests.param(request, "code_verifier"),
				(redeemed) -> {
					if (Scopes.identityOnly(Scopes.parse(redeemed.grant().scope()))) {
						throw OAuthException.invalidGrant("this code was issued for authentication only");
					}
					return this.grants.issue(redeemed.grant(), redeemed.grantId());
				});
	}

	static ResponseEntity.BodyBuilder noStore(HttpStatus status) {
		return ResponseEntity.status(status).cacheControl(CacheControl.noStore()).header("Pragma", "no-cache");
	}

}
