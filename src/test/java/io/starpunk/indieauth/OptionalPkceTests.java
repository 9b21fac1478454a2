package io.starpunk.indieauth;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.AuthorizationResponse;
import com.nimbusds.oauth2.sdk.AuthorizationSuccessResponse;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import io.starpunk.config.Sha256;
import io.starpunk.support.MicropubClient;
import io.starpunk.support.LoopbackFetches;
import io.starpunk.support.OwnerClient;
import io.starpunk.support.RunningServer;
import io.starpunk.support.Sqlite;
import io.starpunk.support.StandInClient;

import static io.starpunk.indieauth.AuthorizationFlow.consentFields;
import static io.starpunk.indieauth.AuthorizationFlow.decide;
import static io.starpunk.indieauth.AuthorizationFlow.location;
import static io.starpunk.indieauth.AuthorizationFlow.path;
import static io.starpunk.indieauth.AuthorizationFlow.query;
import static io.starpunk.indieauth.AuthorizationFlow.request;
import static io.starpunk.indieauth.AuthorizationFlow.verifier;
import static io.starpunk.support.JsonErrors.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code INDIEAUTH_PKCE=optional} over real HTTP, with the Nimbus OAuth SDK as the older
 * client that sends no PKCE: its request passes, the owner is told on the consent page,
 * and the code is redeemed without a verifier (and refuses one). A client that does send
 * PKCE is held to it exactly as when PKCE is required.
 */
class OptionalPkceTests {

	@TempDir
	static Path dataPath;

	static RunningServer server;

	static OwnerClient owner;

	static StandInClient client;

	static AuthorizationServerMetadata metadata;

	@BeforeAll
	static void start() throws Exception {
		List<String> properties = new ArrayList<>(List.of(AuthorizationFlow.PROPERTIES));
		properties.add("INDIEAUTH_PKCE=optional");
		server = RunningServer.start(dataPath, List.of(LoopbackFetches.class), properties.toArray(String[]::new));
		owner = OwnerClient.signIn(server, OwnerClient.PASSWORD);
		client = StandInClient.start(StandInClient.Kind.HTML);
		metadata = AuthorizationServerMetadata
			.parse(new com.nimbusds.oauth2.sdk.http.HTTPRequest(com.nimbusds.oauth2.sdk.http.HTTPRequest.Method.GET,
					server.uri("/.well-known/oauth-authorization-server"))
				.send()
				.getBodyAsJSONObject());
	}

	@AfterAll
	static void stop() {
		client.close();
		server.close();
	}

	@Test
	void anOldClientWithoutPkceIsAuthorizedRedeemsItsCodeWithoutAVerifierAndItsTokenWorks() throws Exception {
		State state = new State();
		URI authorization = new AuthorizationRequest.Builder(new ResponseType(ResponseType.Value.CODE), clientId())
			.redirectionURI(URI.create(client.callback()))
			.scope(new Scope("create"))
			.state(state)
			.endpointURI(server.uri("/auth/authorize"))
			.build()
			.toURI();
		assertThat(authorization.getRawQuery()).doesNotContain("code_challenge");
		HttpResponse<String> page = owner.get("/auth/authorize?" + authorization.getRawQuery());
		assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
		Document consent = Jsoup.parse(page.body());
		assertThat(consent.select(".no-pkce").text())
			.contains("This app does not protect its authorization code with PKCE");
		Map<String, String> hidden = consentFields(page);
		assertThat(hidden).doesNotContainKeys("code_challenge", "code_challenge_method");

		HttpResponse<String> approved = decide(owner, hidden, List.of("create"), "7d", "approve");
		assertThat(approved.statusCode()).isEqualTo(303);
		AuthorizationSuccessResponse success = AuthorizationResponse.parse(URI.create(location(approved)))
			.toSuccessResponse();
		assertThat(success.getState()).isEqualTo(state);
		assertThat(success.getIssuer()).isEqualTo(new Issuer(AuthorizationFlow.SITE_URL));
		AuthorizationCode code = success.getAuthorizationCode();
		assertThat(Sqlite.rows(dataPath.resolve("starpunk.db"),
				"SELECT code_challenge, code_challenge_method FROM authorization_codes WHERE code_hash = '"
						+ Sha256.hex(code.getValue()) + "'"))
			.singleElement()
			.satisfies((row) -> assertThat(row.get("code_challenge")).isNull())
			.satisfies((row) -> assertThat(row.get("code_challenge_method")).isNull());

		TokenResponse response = token(new AuthorizationCodeGrant(code, URI.create(client.callback())));
		assertThat(response.indicatesSuccess()).as(response.toHTTPResponse().getBody()).isTrue();
		AccessTokenResponse tokens = response.toSuccessResponse();
		BearerAccessToken access = tokens.getTokens().getBearerAccessToken();
		assertThat(access.getScope()).isEqualTo(new Scope("create"));
		HttpResponse<String> created = new MicropubClient(server).form(access.getValue(), "h", "entry", "content",
				"Posted by an app without PKCE");
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
	}

	@Test
	void aCodeIssuedWithoutAChallengeRefusesAVerifier() throws Exception {
		AuthorizationCode code = approveWithoutPkce("create");
		TokenResponse response = token(
				new AuthorizationCodeGrant(code, URI.create(client.callback()), new CodeVerifier()));
		assertThat(response.indicatesSuccess()).isFalse();
		assertThat(((TokenErrorResponse) response).getErrorObject().getCode()).isEqualTo("invalid_grant");
		assertThat(((TokenErrorResponse) response).getErrorObject().getDescription()).contains("no code_challenge");
	}

	@Test
	void aCodeIssuedWithAChallengeStillNeedsItsVerifier() throws Exception {
		CodeVerifier verifier = new CodeVerifier();
		URI redirect = URI.create(client.callback());
		AuthorizationCode withoutVerifier = approveWithPkce(verifier);
		TokenResponse missing = token(new AuthorizationCodeGrant(withoutVerifier, redirect));
		assertThat(missing.indicatesSuccess()).isFalse();
		assertThat(((TokenErrorResponse) missing).getErrorObject().getCode()).isEqualTo("invalid_grant");
		AuthorizationCode wrong = approveWithPkce(verifier);
		TokenResponse mismatch = token(new AuthorizationCodeGrant(wrong, redirect, new CodeVerifier()));
		assertThat(mismatch.indicatesSuccess()).isFalse();
		assertThat(((TokenErrorResponse) mismatch).getErrorObject().getCode()).isEqualTo("invalid_grant");
		AuthorizationCode right = approveWithPkce(verifier);
		assertThat(token(new AuthorizationCodeGrant(right, redirect, verifier)).indicatesSuccess()).isTrue();
	}

	@Test
	void aProfileCodeWithoutAChallengeIsRedeemedAtTheAuthorizationEndpointWithoutAVerifier() {
		OAuthTestClient http = new OAuthTestClient(server);
		String code = approveWithoutPkce("profile").getValue();
		HttpResponse<String> redeemed = http.post("/auth/authorize",
				Map.of("code", code, "client_id", client.clientId(), "redirect_uri", client.callback()));
		assertThat(redeemed.statusCode()).as(redeemed.body()).isEqualTo(200);
		JsonNode body = OAuthTestClient.json(redeemed);
		assertThat(body.path("me").asString()).isEqualTo("https://ada.example/");
		assertThat(body.path("profile").path("name").asString()).isEqualTo("Ada Lovelace");
		String another = approveWithoutPkce("profile").getValue();
		assertError(http.post("/auth/authorize", Map.of("code", another, "client_id", client.clientId(), "redirect_uri",
				client.callback(), "code_verifier", verifier())), 400, "invalid_grant");
	}

	@Test
	void aChallengeThatIsSentMustStillBeAValidS256One() {
		Map<String, String> hex = request(client.clientId(), client.callback(), verifier(), "create");
		// indieauth-helper sends the hex SHA-256 of the verifier
		hex.put("code_challenge", Sha256.hex(verifier()));
		Map<String, String> plain = request(client.clientId(), client.callback(), verifier(), "create");
		plain.put("code_challenge_method", "plain");
		Map<String, String> noMethod = request(client.clientId(), client.callback(), verifier(), "create");
		noMethod.remove("code_challenge_method");
		Map<String, String> noChallenge = request(client.clientId(), client.callback(), verifier(), "create");
		noChallenge.remove("code_challenge");
		Map<Map<String, String>, String> refusals = Map.of(hex,
				"code_challenge must be the base64url SHA-256 of the verifier (43 characters)", plain,
				"code_challenge_method must be S256", noMethod,
				"Send code_challenge with code_challenge_method=S256, or neither", noChallenge,
				"Send code_challenge with code_challenge_method=S256, or neither");
		refusals.forEach((request, description) -> {
			HttpResponse<String> response = owner.get(path(request));
			assertThat(response.statusCode()).isEqualTo(302);
			assertThat(query(response)).containsEntry("error", "invalid_request")
				.containsEntry("error_description", description)
				.containsEntry("state", request.get("state"));
		});
	}

	@Test
	void theMetadataStillAdvertisesOnlyS256AndAPkceRequestShowsNoWarning() {
		assertThat(metadata.getCodeChallengeMethods()).containsExactly(CodeChallengeMethod.S256);
		HttpResponse<String> page = owner
			.get(path(request(client.clientId(), client.callback(), verifier(), "create")));
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(Jsoup.parse(page.body()).select(".no-pkce")).isEmpty();
	}

	private static AuthorizationCode approveWithoutPkce(String scope) {
		Map<String, String> request = request(client.clientId(), client.callback(), verifier(), scope);
		request.remove("code_challenge");
		request.remove("code_challenge_method");
		return approve(request, scope);
	}

	private static AuthorizationCode approveWithPkce(CodeVerifier verifier) {
		Map<String, String> request = request(client.clientId(), client.callback(), verifier.getValue(), "create");
		return approve(request, "create");
	}

	private static AuthorizationCode approve(Map<String, String> request, String scope) {
		HttpResponse<String> approved = decide(owner, consentFields(owner.get(path(request))), List.of(scope), "1d",
				"approve");
		assertThat(approved.statusCode()).isEqualTo(303);
		String code = query(approved).get("code");
		assertThat(code).isNotNull();
		return new AuthorizationCode(code);
	}

	private static TokenResponse token(AuthorizationGrant grant) throws Exception {
		return TokenResponse
			.parse(new TokenRequest(server.uri("/auth/token"), clientId(), grant).toHTTPRequest().send());
	}

	private static ClientID clientId() {
		return new ClientID(client.clientId());
	}

}
