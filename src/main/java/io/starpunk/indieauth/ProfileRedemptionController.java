package io.starpunk.indieauth;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /auth/authorize}: a client that only wanted to know who signed in redeems
 * its code here and learns {@code me}, and the owner's {@code profile} when that scope
 * was granted. No session and no CSRF token: the code and its PKCE verifier are the
 * proof.
 */
@RestController
class ProfileRedemptionController {

	private final CodeExchange exchange;

	private final Profiles profiles;

	ProfileRedemptionController(CodeExchange exchange, Profiles profiles) {
		this.exchange = exchange;
		this.profiles = profiles;
	}

	@PostMapping("/auth/authorize")
	ResponseEntity<Map<String, Object>> redeemForProfile(@RequestParam Map<String, String> form) {
		String grantType = form.get("grant_type");
		if (grantType != null && !grantType.equals("authorization_code")) {
			throw new OAuthException(HttpStatus.BAD_REQUEST, "unsupported_grant_type",
					"Only grant_type=authorization_code is accepted here");
		}
		Redemption.Redeemed redeemed = this.exchange.redeem(form.get("code"), form.get("client_id"),
				form.get("redirect_uri"), form.get("code_verifier"), Function.identity());
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("me", redeemed.grant().me());
		OAuthJson.Profile profile = this.profiles.forScopes(Scopes.parse(redeemed.grant().scope()));
		if (profile != null) {
			body.put("profile", profile);
		}
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
	}

	@ExceptionHandler(OAuthException.class)
	ResponseEntity<Map<String, String>> oauthError(OAuthException ex) {
		return ResponseEntity.status(ex.status())
			.cacheControl(CacheControl.noStore())
			.body(Map.of("error", ex.error(), "error_description", ex.getMessage()));
	}

}
