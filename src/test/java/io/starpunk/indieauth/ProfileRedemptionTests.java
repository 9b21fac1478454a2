package io.starpunk.indieauth;

import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.starpunk.support.LoopbackFetches;
import io.starpunk.support.OwnerClient;
import io.starpunk.support.RunningServer;
import io.starpunk.support.StandInClient;

import static io.starpunk.indieauth.AuthorizationFlow.consentFields;
import static io.starpunk.indieauth.AuthorizationFlow.decide;
import static io.starpunk.indieauth.AuthorizationFlow.path;
import static io.starpunk.indieauth.AuthorizationFlow.query;
import static io.starpunk.indieauth.AuthorizationFlow.request;
import static io.starpunk.indieauth.AuthorizationFlow.verifier;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Profile-only redemption at {@code POST /auth/authorize}: a client with no session and
 * no CSRF token trades its code and verifier for {@code me}.
 */
class ProfileRedemptionTests {

	@TempDir
	static Path dataPath;

	static RunningServer server;

	static OwnerClient owner;

	static StandInClient client;

	static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	static final JsonMapper json = JsonMapper.builder().build();

	@BeforeAll
	static void start() {
		server = RunningServer.start(dataPath, List.of(LoopbackFetches.class), AuthorizationFlow.PROPERTIES);
		owner = OwnerClient.signIn(server, OwnerClient.PASSWORD);
		client = StandInClient.start(StandInClient.Kind.HTML);
	}

	@AfterAll
	static void stop() {
		client.close();
		server.close();
	}

	@Test
	void aProfileGrantRedeemsToMeAndTheProfile() throws Exception {
		String verifier = verifier();
		String code = approve(verifier, "profile");
		HttpResponse<String> response = redeem(Map.of("grant_type", "authorization_code", "code", code, "client_id",
				client.clientId(), "redirect_uri", client.callback(), "code_verifier", verifier));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Cache-Control"))
			.hasValueSatisfying((cache) -> assertThat(cache).contains("no-store"));
		JsonNode body = json.readTree(response.body());
		assertThat(body.path("me").asString()).isEqualTo("https://ada.example/");
		assertThat(body.path("profile").path("name").asString()).isEqualTo("Ada Lovelace");
		assertThat(body.path("profile").path("url").asString()).isEqualTo("https://ada.example/");
		assertThat(body.path("profile").path("photo").asString()).isEqualTo("https://ada.example/ada.jpg");
		assertThat(body.has("access_token")).isFalse();
	}

	@Test
	void withoutTheProfileScopeOnlyMeComesBack() throws Exception {
		String verifier = verifier();
		String code = approve(verifier, "");
		HttpResponse<String> response = redeem(Map.of("code", code, "client_id", client.clientId(), "redirect_uri",
				client.callback(), "code_verifier", verifier));
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode body = json.readTree(response.body());
		assertThat(body.path("me").asString()).isEqualTo("https://ada.example/");
		assertThat(body.has("profile")).isFalse();
	}

	@Test
	void aWrongVerifierIsAnInvalidGrantAndBurnsTheCode() throws Exception {
		String verifier = verifier();
		String code = approve(verifier, "profile");
		HttpResponse<String> wrong = redeem(Map.of("code", code, "client_id", client.clientId(), "redirect_uri",
				client.callback(), "code_verifier", verifier()));
		assertThat(wrong.statusCode()).isEqualTo(400);
		assertThat(wrong.headers().firstValue("Cache-Control"))
			.hasValueSatisfying((cache) -> assertThat(cache).contains("no-store"));
		assertThat(json.readTree(wrong.body()).path("error").asString()).isEqualTo("invalid_grant");
		assertThat(json.readTree(wrong.body()).path("error_description").asString()).isNotBlank();
		HttpResponse<String> right = redeem(Map.of("code", code, "client_id", client.clientId(), "redirect_uri",
				client.callback(), "code_verifier", verifier));
		assertThat(right.statusCode()).isEqualTo(400);
		assertThat(json.readTree(right.body()).path("error").asString()).isEqualTo("invalid_grant");
	}

	@Test
	void aReusedCodeIsAnInvalidGrant() throws Exception {
		String verifier = verifier();
		String code = approve(verifier, "profile");
		Map<String, String> form = Map.of("code", code, "client_id", client.clientId(), "redirect_uri",
				client.callback(), "code_verifier", verifier);
		assertThat(redeem(form).statusCode()).isEqualTo(200);
		HttpResponse<String> again = redeem(form);
		assertThat(again.statusCode()).isEqualTo(400);
		assertThat(json.readTree(again.body()).path("error").asString()).isEqualTo("invalid_grant");
		assertThat(again.body()).doesNotContain("ada.example");
	}

	@Test
	void aWrongClientOrRedirectOrGrantTypeIsRefused() throws Exception {
		String verifier = verifier();
		String code = approve(verifier, "profile");
		HttpResponse<String> wrongType = redeem(Map.of("grant_type", "refresh_token", "code", code, "client_id",
				client.clientId(), "redirect_uri", client.callback(), "code_verifier", verifier));
		assertThat(json.readTree(wrongType.body()).path("error").asString()).isEqualTo("unsupported_grant_type");
		HttpResponse<String> wrongRedirect = redeem(Map.of("code", code, "client_id", client.clientId(), "redirect_uri",
				client.callback() + "/other", "code_verifier", verifier));
		assertThat(json.readTree(wrongRedirect.body()).path("error").asString()).isEqualTo("invalid_grant");
		HttpResponse<String> missing = redeem(Map.of("client_id", client.clientId()));
		assertThat(missing.statusCode()).isEqualTo(400);
		assertThat(json.readTree(missing.body()).path("error").asString()).isEqualTo("invalid_request");
	}

	private static String approve(String verifier, String scope) {
		Map<String, String> request = request(client.clientId(), client.callback(), verifier, scope);
		Map<String, String> hidden = consentFields(owner.get(path(request)));
		HttpResponse<String> approved = decide(owner, hidden, List.of(scope.isEmpty() ? "none" : scope), "30d",
				"approve");
		assertThat(approved.statusCode()).isEqualTo(303);
		return query(approved).get("code");
	}

	private static HttpResponse<String> redeem(Map<String, String> form) throws Exception {
		String body = new LinkedHashMap<>(form).entrySet()
			.stream()
			.map((field) -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		return http.send(HttpRequest.newBuilder(server.uri("/auth/authorize"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
