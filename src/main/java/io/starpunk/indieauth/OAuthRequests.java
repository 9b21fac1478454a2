package io.starpunk.indieauth;

import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Reading OAuth requests: form parameters each sent at most once (RFC 6749 section 3.2),
 * form-encoded bodies, and bearer tokens (RFC 6750 section 2.1).
 */
final class OAuthRequests {

	private OAuthRequests() {
	}

	/**
	 * A parameter sent once, or none.
	 * @param request the request
	 * @param name the parameter's name
	 * @return its value, or {@code null} when missing or empty
	 * @throws OAuthException {@code invalid_request} when it was sent more than once
	 */
	static String param(HttpServletRequest request, String name) {
		String[] values = request.getParameterValues(name);
		if (values == null || values.length == 0) {
			return null;
		}
		if (values.length > 1) {
			throw OAuthException.invalidRequest(name + " must be sent once");
		}
		return values[0].isEmpty() ? null : values[0];
	}

	/**
	 * A parameter that must be present.
	 * @param request the request
	 * @param name the parameter's name
	 * @return its value
	 * @throws OAuthException {@code invalid_request} when it is missing
	 */
	static String required(HttpServletRequest request, String name) {
		String value = param(request, name);
		if (value == null) {
			throw OAuthException.invalidRequest(name + " is required");
		}
		return value;
	}

	/**
	 * Refuses a POST whose body is not form-encoded.
	 * @param request the request
	 */
	static void requireForm(HttpServletRequest request) {
		String type = request.getContentType();
		boolean form = false;
		if (type != null) {
			try {
				form = MediaType.APPLICATION_FORM_URLENCODED.includes(MediaType.parseMediaType(type));
			}
			catch (RuntimeException ex) {
				form = false;
			}
		}
		if (!form) {
			throw OAuthException.invalidRequest("The body must be application/x-www-form-urlencoded");
		}
	}

	/**
	 * The bearer token of the Authorization header.
	 * @param request the request
	 * @return the token, or {@code null} when there is none
	 */
	static String bearer(HttpServletRequest request) {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (header == null || !header.toLowerCase(Locale.ROOT).startsWith("bearer ")) {
			return null;
		}
		String token = header.substring(7).strip();
		return token.isEmpty() ? null : token;
	}

	/**
	 * The error for a missing or invalid bearer token (answered with
	 * {@code WWW-Authenticate: Bearer}).
	 */
	static OAuthException invalidToken() {
		return new OAuthException(HttpStatus.UNAUTHORIZED, "invalid_token",
				"A valid access token is required in the Authorization header (Bearer)");
	}

}
