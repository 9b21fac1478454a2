package io.starpunk.micropub;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import io.starpunk.config.StarpunkSettings;
import io.starpunk.indieauth.AccessToken;
import io.starpunk.indieauth.TokenService;

/**
 * Who is calling: the token from {@code Authorization: Bearer} or the
 * {@code access_token} field (never both), verified by the one token verifier, and issued
 * to the owner.
 */
@Component
class MicropubAuth {

	private final TokenService tokens;

	private final StarpunkSettings settings;

	MicropubAuth(TokenService tokens, StarpunkSettings settings) {
		this.tokens = tokens;
		this.settings = settings;
	}

	AccessToken authenticate(HttpServletRequest request, String fieldToken) {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		String headerToken = (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7))
				? header.substring(7).strip() : null;
		boolean inHeader = headerToken != null && !headerToken.isEmpty();
		boolean inField = fieldToken != null && !fieldToken.isEmpty();
		if (inHeader && inField) {
			throw MicropubException
				.invalidRequest("Send the access token in the Authorization header or the body, not both");
		}
		if (!inHeader && !inField) {
			throw MicropubException.unauthorized("No access token was sent");
		}
		AccessToken token = this.tokens.verify(inHeader ? headerToken : fieldToken)
			.orElseThrow(() -> MicropubException.unauthorized("The access token is not valid or has expired"));
		if (!this.settings.isAdminMe(token.me())) {
			throw new MicropubException(HttpStatus.FORBIDDEN, "forbidden", "The token was issued to someone else",
					null);
		}
		return token;
	}

}
