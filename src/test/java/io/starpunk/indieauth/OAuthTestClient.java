package io.starpunk.indieauth;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.starpunk.support.RunningServer;

/**
 * An OAuth client over real HTTP for the token endpoints, and codes issued straight
 * through {@link AuthorizationCodes} (the consent page is not needed to get one).
 */
final class OAuthTestClient {

	static final String CLIENT_ID = "https://app.example/";

	static final String REDIRECT_URI = "https://app.example/callback";

	static final String ME = "https://owner.example/";

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	/**
	 * Every code, verifier and token the tests issued or were given, to look for where
	 * none may be: the database files and the log.
	 */
	static final java.util.Set<String> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();

	private final RunningServer server;

	OAuthTestClient(RunningServer server) {
		this.server = server;
	}

	/** A code for a scope, and the verifier that redeems it. */
	record Code(String code, String verifier) {
	}

	Code code(String scope) {
		return code(this.server.context().getBean(AuthorizationCodes.class), scope);
	}

	static Code code(AuthorizationCodes codes, String scope) {
		String verifier = verifier();
		String code = codes
			.issue(new CodeGrant(ME, CLIENT_ID, REDIRECT_URI, scope, Pkce.challenge(verifier), Duration.ofDays(14)));
		seen.add(code);
		seen.add(verifier);
		return new Code(code, verifier);
	}

	/** Exchanges a code with the right client_id, redirect_uri and verifier. */
	HttpResponse<String> exchange(Code code) {
		return post("/auth/token", Map.of("grant_type", "authorization_code", "code", code.code(), "client_id",
				CLIENT_ID, "redirect_uri", REDIRECT_URI, "code_verifier", code.verifier()));
	}

	/** Exchanges a code and reads the token response. */
	JsonNode tokens(String scope) {
		HttpResponse<String> response = exchange(code(scope));
		if (response.statusCode() != 200) {
			throw new AssertionError("exchange failed: " + response.statusCode() + " " + response.body());
		}
		return json(response);
	}

	HttpResponse<String> introspect(String bearer, String token) {
		return post("/auth/introspect", Map.of("token", token), "Authorization", "Bearer " + bearer);
	}

	boolean active(String token) {
		// a token of this server that the test keeps alive authenticates the question
		return json(introspect(token, token)).path("active").asBoolean(false);
	}

	HttpResponse<String> post(String path, Map<String, String> form, String... headers) {
		String body = form.entrySet()
			.stream()
			.map((field) -> encode(field.getKey()) + "=" + encode(field.getValue()))
			.collect(Collectors.joining("&"));
		HttpRequest.Builder request = HttpRequest.newBuilder(this.server.uri(path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		HttpResponse<String> response = send(request);
		if (response.statusCode() == 200 && response.body().contains("access_token")) {
			JsonNode tokens = json(response);
			seen.add(tokens.path("access_token").asString());
			seen.add(tokens.path("refresh_token").asString());
		}
		return response;
	}

	HttpResponse<String> get(String path, String bearer) {
		HttpRequest.Builder request = HttpRequest.newBuilder(this.server.uri(path)).GET();
		if (bearer != null) {
			request.header("Authorization", "Bearer " + bearer);
		}
		return send(request);
	}

	static HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return http.send(request.timeout(Duration.ofSeconds(15)).build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	static JsonNode json(HttpResponse<String> response) {
		return json.readTree(response.body());
	}

	static String verifier() {
		byte[] bytes = new byte[32];
		new SecureRandom().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
