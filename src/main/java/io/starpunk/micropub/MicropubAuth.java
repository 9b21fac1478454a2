package io.starpunk.micropub;

import java.net.URI;
import java.time.Clock;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import io.starpunk.config.StarpunkSettings;
import io.starpunk.http.OutboundFetch;
import io.starpunk.indieauth.AccessToken;
import io.starpunk.indieauth.TokenVerifier;

/**
 * Who is calling: the token from {@code Authorization: Bearer} or the
 * {@code access_token} field (never both), verified by this server's one token verifier
 * or, when {@code TOKEN_ENDPOINT} is set, by that external token endpoint alone, and
 * issued to the owner.
 */
@Component
class MicropubAuth {

	private static final Log logger = LogFactory.getLog(MicropubAuth.class);

	private final TokenVerifier tokens;

	private final ExternalTokenEndpoint external;

	private final StarpunkSettings settings;

	MicropubAuth(TokenVerifier tokens, StarpunkSettings settings, JsonMapper json, Clock clock, OutboundFetch fetch) {
		this.tokens = tokens;
		this.settings = settings;
		URI endpoint = settings.micropub().tokenEndpoint();
		this.external = (endpoint != null) ? new ExternalTokenEndpoint(endpoint, fetch, json, clock) : null;
		if (endpoint != null) {
			logger.info("Micropub verifies tokens with the external token endpoint " + endpoint
					+ " (TOKEN_ENDPOINT); this server's own tokens are not accepted there");
		}
		else {
			logger.info("Micropub verifies tokens issued by this server's own token endpoint");
		}
	}

	AccessToken authenticate(HttpServletRequest request, String fieldToken) {
		String headerToken = headerToken(request);
		boolean inHeader = headerToken != null;
		boolean inField = fieldToken != null && !fieldToken.isEmpty();
		if (inHeader && inField) {
			throw MicropubException
				.invalidRequest("Send the access token in the Authorization header or the body, not both");
		}
		if (!inHeader && !inField) {
			throw MicropubException.unauthorized("No access token was sent");
		}
		return owners(inHeader ? headerToken : fieldToken);
	}

	/**
	 * The token of the {@code Authorization: Bearer} header alone, checked as
	 * {@link #authenticate} checks it, before any of the body is read (an upload's).
	 * @param request the request
	 * @return the token
	 * @throws MicropubException when there is no token in the header, or it is refused
	 */
	AccessToken authenticateHeader(HttpServletRequest request) {
		String headerToken = headerToken(request);
		if (headerToken == null) {
			throw MicropubException.unauthorized("No access token was sent in the Authorization header");
		}
		return owners(headerToken);
	}

	private static String headerToken(HttpServletRequest request) {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		String token = (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) ? header.substring(7).strip()
				: null;
		return (token != null && !token.isEmpty()) ? token : null;
	}

	/** A valid token issued to the owner. */
	private AccessToken owners(String bearerToken) {
		AccessToken token = verify(bearerToken)
			.orElseThrow(() -> MicropubException.unauthorized("The access token is not valid or has expired"));
		if (!this.settings.isAdminMe(token.me())) {
			throw new MicropubException(HttpStatus.FORBIDDEN, "forbidden", "The token was issued to someone else",
					null);
		}
		return token;
	}

	private Optional<AccessToken> verify(String bearerToken) {
		if (this.external == null) {
			return this.tokens.verify(bearerToken);
		}
		ExternalTokenEndpoint.Verdict verdict = this.external.verify(bearerToken);
		if (verdict instanceof ExternalTokenEndpoint.Verdict.Valid valid) {
			return Optional.of(valid.token());
		}
		if (verdict instanceof ExternalTokenEndpoint.Verdict.Unavailable) {
			throw new MicropubException(HttpStatus.SERVICE_UNAVAILABLE, "temporarily_unavailable",
					"The token endpoint could not verify the access token just now; try again later", null);
		}
		return Optional.empty();
	}

}
