package io.starpunk.indieauth;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;

import io.starpunk.config.StarpunkSettings;
import io.starpunk.http.Origins;

/**
 * Checks an authorization request in the order that keeps redirects safe: client_id, then
 * redirect_uri (same scheme, host and port as the client_id, or listed by the client);
 * until both pass the answer is an error page. After that, a missing state, a
 * response_type other than {@code code} ({@code id} is read as {@code code}), or PKCE
 * missing or not S256 go back to the client as an OAuth error. With
 * {@code INDIEAUTH_PKCE=optional} a request with neither {@code code_challenge} nor
 * {@code code_challenge_method} passes (for older clients), but a challenge that is sent
 * must still be a valid S256 one. Unknown scopes are dropped.
 */
@Component
class AuthorizationRequests {

	private static final List<String> SINGLE = List.of("response_type", "state", "code_challenge",
			"code_challenge_method", "me");

	private final ClientInfo clients;

	private final StarpunkSettings settings;

	AuthorizationRequests(ClientInfo clients, StarpunkSettings settings) {
		this.clients = clients;
		this.settings = settings;
	}

	/**
	 * Checks a request.
	 * @param parameters the request's parameters
	 * @param scopeParameter the parameter holding the space-separated scopes asked for
	 * ({@code scope} in the request, {@code requested_scope} in the consent form)
	 * @return the outcome
	 */
	AuthorizationCheck check(MultiValueMap<String, String> parameters, String scopeParameter) {
		if (count(parameters, "client_id") != 1 || count(parameters, "redirect_uri") != 1) {
			return new AuthorizationCheck.Refused("The request must name one client_id and one redirect_uri.");
		}
		String clientId = parameters.getFirst("client_id");
		Optional<URI> clientUrl = ClientIds.parse(clientId);
		if (clientUrl.isEmpty()) {
			return new AuthorizationCheck.Refused("The client_id is not a valid client identifier: it must be an "
					+ "https URL with a path, no fragment and no user name or password.");
		}
		String redirectUri = parameters.getFirst("redirect_uri");
		Optional<URI> redirectUrl = redirectUrl(redirectUri);
		if (redirectUrl.isEmpty()) {
			return new AuthorizationCheck.Refused("The redirect_uri is not an absolute URL without a fragment.");
		}
		ClientInfo.Client client = this.clients.lookup(clientUrl.get());
		boolean web = isWeb(redirectUrl.get());
		boolean sameOrigin = web && Origins.same(clientUrl.get(), redirectUrl.get());
		if (!sameOrigin && !client.redirectUris().contains(redirectUri)) {
			return new AuthorizationCheck.Refused("The redirect_uri " + redirectUri
					+ " is not on the client's own site, and the client does not list it as one of its "
					+ "redirect URLs, so StarPunk will not send you there.");
		}
		String state = parameters.getFirst("state");
		for (String name : SINGLE) {
			if (count(parameters, name) > 1) {
				return failed(redirectUri, state, "invalid_request", name + " was given more than once");
			}
		}
		if (count(parameters, scopeParameter) > 1) {
			return failed(redirectUri, state, "invalid_request", "scope was given more than once");
		}
		String responseType = parameters.getFirst("response_type");
		if (responseType == null || responseType.isBlank()) {
			return failed(redirectUri, state, "invalid_request", "response_type is required");
		}
		if (!responseType.equals("code") && !responseType.equals("id")) {
			return failed(redirectUri, state, "unsupported_response_type", "Only response_type=code is supported");
		}
		if (state == null || state.isEmpty()) {
			return failed(redirectUri, null, "invalid_request", "state is required");
		}
		String challenge = parameters.getFirst("code_challenge");
		String method = parameters.getFirst("code_challenge_method");
		boolean noChallenge = challenge == null || challenge.isEmpty();
		boolean noMethod = method == null || method.isEmpty();
		if (noChallenge && noMethod && !this.settings.pkceRequired()) {
			challenge = null;
		}
		else {
			if (noChallenge || noMethod) {
				return failed(redirectUri, state, "invalid_request",
						this.settings.pkceRequired()
								? "PKCE is required: send code_challenge and code_challenge_method=S256"
								: "Send code_challenge with code_challenge_method=S256, or neither");
			}
			if (!method.equals("S256")) {
				return failed(redirectUri, state, "invalid_request", "code_challenge_method must be S256");
			}
			if (!Pkce.isChallenge(challenge)) {
				return failed(redirectUri, state, "invalid_request",
						"code_challenge must be the base64url SHA-256 of the verifier (43 characters)");
			}
		}
		List<String> scopes = Scopes.known(parameters.getFirst(scopeParameter));
		return new AuthorizationCheck.Valid(
				new AuthorizationRequest(clientId, redirectUri, state, challenge, scopes, client));
	}

	/**
	 * The redirect_uri with parameters added to its query.
	 * @param redirectUri the redirect_uri, trusted
	 * @param parameters the parameters in order; {@code null} values are left out
	 * @return the URL to send the browser to
	 */
	static String withParameters(String redirectUri, Map<String, String> parameters) {
		StringBuilder location = new StringBuilder(redirectUri);
		boolean hasQuery = redirectUri.indexOf('?') >= 0;
		for (Map.Entry<String, String> parameter : parameters.entrySet()) {
			if (parameter.getValue() == null) {
				continue;
			}
			char last = location.charAt(location.length() - 1);
			if (!hasQuery) {
				location.append('?');
				hasQuery = true;
			}
			else if (last != '?' && last != '&') {
				location.append('&');
			}
			location.append(encode(parameter.getKey())).append('=').append(encode(parameter.getValue()));
		}
		return location.toString();
	}

	/** The error redirect for a trusted redirect_uri. */
	AuthorizationCheck.Failed failed(String redirectUri, String state, String error, String description) {
		Map<String, String> parameters = new LinkedHashMap<>();
		parameters.put("error", error);
		parameters.put("error_description", description);
		parameters.put("state", state);
		parameters.put("iss", issuer());
		return new AuthorizationCheck.Failed(withParameters(redirectUri, parameters));
	}

	String issuer() {
		return this.settings.siteUrl().toString();
	}

	private static int count(MultiValueMap<String, String> parameters, String name) {
		List<String> values = parameters.get(name);
		return (values != null) ? values.size() : 0;
	}

	private static Optional<URI> redirectUrl(String raw) {
		if (raw == null || raw.isBlank() || raw.length() > 2000 || raw.indexOf('#') >= 0) {
			return Optional.empty();
		}
		try {
			URI url = new URI(raw);
			if (url.getScheme() == null || url.isOpaque() && !url.getScheme().contains(".")) {
				return Optional.empty();
			}
			String scheme = url.getScheme().toLowerCase(Locale.ROOT);
			if (List.of("javascript", "data", "file", "vbscript", "blob").contains(scheme)) {
				return Optional.empty();
			}
			if (isWeb(url) && (url.getHost() == null || url.getRawUserInfo() != null)) {
				return Optional.empty();
			}
			return Optional.of(url);
		}
		catch (URISyntaxException ex) {
			return Optional.empty();
		}
	}

	private static boolean isWeb(URI url) {
		String scheme = url.getScheme().toLowerCase(Locale.ROOT);
		return scheme.equals("https") || scheme.equals("http");
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
