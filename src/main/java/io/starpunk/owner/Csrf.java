package io.starpunk.owner;

import org.springframework.security.web.csrf.CsrfToken;

/**
 * The hidden field every state-changing form carries.
 *
 * @param parameterName the field's name
 * @param token its value
 */
public record Csrf(String parameterName, String token) {

	public static Csrf of(CsrfToken token) {
		return new Csrf(token.getParameterName(), token.getToken());
	}

}
