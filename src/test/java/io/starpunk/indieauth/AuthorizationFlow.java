package io.starpunk.indieauth;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;

import io.starpunk.support.OwnerClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the authorization endpoint's tests share: PKCE pairs computed independently of the
 * server's own code, authorization URLs, and reading the consent form as a browser would.
 */
final class AuthorizationFlow {

	static final String SITE_URL = "http://blog.example/";

	static final String[] PROPERTIES = { "ADMIN_PASSWORD=" + OwnerClient.PASSWORD, "SITE_URL=" + SITE_URL,
			"ADMIN_ME=https://ada.example/", "SITE_NAME=Ada's Notes", "SITE_AUTHOR=Ada Lovelace",
			"SITE_AUTHOR_PHOTO=https://ada.example/ada.jpg" };

	private AuthorizationFlow() {
	}

	static String verifier() {
		byte[] bytes = new byte[32];
		new SecureRandom().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	static String challenge(String verifier) {
		try {
			return Base64.getUrlEncoder()
				.withoutPadding()
				.encodeToString(
						MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A complete, valid request's parameters, in order, to change for a test. */
	static Map<String, String> request(String clientId, String redirectUri, String verifier, String scope) {
		Map<String, String> parameters = new LinkedHashMap<>();
		parameters.put("response_type", "code");
		parameters.put("client_id", clientId);
		parameters.put("redirect_uri", redirectUri);
		parameters.put("state", "state-" + verifier.substring(0, 8));
		parameters.put("code_challenge", challenge(verifier));
		parameters.put("code_challenge_method", "S256");
		if (scope != null) {
			parameters.put("scope", scope);
		}
		return parameters;
	}

	static String path(Map<String, String> parameters) {
		return "/auth/authorize?" + parameters.entrySet()
			.stream()
			.map((parameter) -> encode(parameter.getKey()) + "=" + encode(parameter.getValue()))
			.collect(Collectors.joining("&"));
	}

	/** The consent form's fields as a browser would send them, every box left ticked. */
	static Map<String, String> consentFields(HttpResponse<String> page) {
		assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
		Element form = Jsoup.parse(page.body()).selectFirst("form#consent-form");
		assertThat(form).isNotNull();
		Map<String, String> fields = new LinkedHashMap<>();
		for (Element input : form.select("input[type=hidden]")) {
			fields.put(input.attr("name"), input.attr("value"));
		}
		fields.remove("_csrf");
		return fields;
	}

	/**
	 * Sends the consent form.
	 * @param owner the signed-in owner
	 * @param hidden the form's hidden fields (see {@link #consentFields})
	 * @param scopes the boxes left ticked
	 * @param expiry the chosen expiry
	 * @param decision approve or deny
	 * @return the response
	 */
	static HttpResponse<String> decide(OwnerClient owner, Map<String, String> hidden, List<String> scopes,
			String expiry, String decision) {
		List<Map.Entry<String, String>> fields = new ArrayList<>(hidden.entrySet());
		scopes.forEach((scope) -> fields.add(Map.entry("scope", scope)));
		fields.add(Map.entry("expiry", expiry));
		fields.add(Map.entry("decision", decision));
		return owner.post("/auth/authorize/decision", fields);
	}

	/** The query parameters of a redirect's Location. */
	static Map<String, String> query(HttpResponse<String> response) {
		String location = response.headers().firstValue("Location").orElseThrow();
		String query = URI.create(location).getRawQuery();
		Map<String, String> values = new LinkedHashMap<>();
		if (query == null) {
			return values;
		}
		for (String pair : query.split("&")) {
			int equals = pair.indexOf('=');
			values.put(URLDecoder.decode((equals < 0) ? pair : pair.substring(0, equals), StandardCharsets.UTF_8),
					(equals < 0) ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
		}
		return values;
	}

	static String location(HttpResponse<String> response) {
		return response.headers().firstValue("Location").orElse("");
	}

	static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
