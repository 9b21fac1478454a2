package io.starpunk.indieauth;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.starpunk.config.Sha256;
import io.starpunk.support.LoopbackFetches;
import io.starpunk.support.OwnerClient;
import io.starpunk.support.RunningServer;
import io.starpunk.support.Sqlite;
import io.starpunk.support.StandInClient;

import static io.starpunk.indieauth.AuthorizationFlow.challenge;
import static io.starpunk.indieauth.AuthorizationFlow.consentFields;
import static io.starpunk.indieauth.AuthorizationFlow.decide;
import static io.starpunk.indieauth.AuthorizationFlow.location;
import static io.starpunk.indieauth.AuthorizationFlow.path;
import static io.starpunk.indieauth.AuthorizationFlow.query;
import static io.starpunk.indieauth.AuthorizationFlow.request;
import static io.starpunk.indieauth.AuthorizationFlow.verifier;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The authorization endpoint and consent page over real HTTP, with a stand-in client on
 * loopback serving its client_id page.
 */
class AuthorizationEndpointTests {

	@TempDir
	static Path dataPath;

	static RunningServer server;

	static OwnerClient owner;

	@BeforeAll
	static void start() {
		server = RunningServer.start(dataPath, List.of(LoopbackFetches.class), AuthorizationFlow.PROPERTIES);
		owner = OwnerClient.signIn(server, OwnerClient.PASSWORD);
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@Test
	void strangersAreSentToSignInAndBackToTheSameRequest() {
		try (StandInClient client = StandInClient.start(StandInClient.Kind.HTML)) {
			String path = path(request(client.clientId(), client.callback(), verifier(), "create media"));
			OwnerClient stranger = OwnerClient.anonymous(server);
			HttpResponse<String> asked = stranger.get(path);
			assertThat(asked.statusCode()).isEqualTo(302);
			assertThat(location(asked)).endsWith("/auth/login");
			assertThat(client.fetches()).as("no fetch for strangers").isZero();
			HttpResponse<String> signedIn = stranger.signInWith(OwnerClient.PASSWORD);
			assertThat(signedIn.statusCode()).isEqualTo(302);
			assertThat(location(signedIn)).isEqualTo(server.uri(path).toString());
			HttpResponse<String> consent = stranger.get(location(signedIn));
			assertThat(consent.statusCode()).isEqualTo(200);
			assertThat(Jsoup.parse(consent.body()).select("form#consent-form")).hasSize(1);
		}
	}

	@Test
	void theConsentPageShowsTheClientTheRedirectHostTheScopesAndTheExpiry() {
		try (StandInClient client = StandInClient.start(StandInClient.Kind.HTML)) {
			HttpResponse<String> page = owner
				.get(path(request(client.clientId(), client.callback(), verifier(), "create media bogus profile")));
			assertThat(page.statusCode()).isEqualTo(200);
			assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
			Document consent = Jsoup.parse(page.body());
			assertThat(consent.select("h1").text()).contains(client.name());
			assertThat(consent.select("img.client-logo").attr("src")).isEqualTo(client.logo());
			assertThat(consent.select("img.client-logo").attr("alt")).contains(client.name());
			assertThat(consent.select(".client-url a").attr("href")).isEqualTo(client.home());
			assertThat(consent.select(".redirect-host").text())
				.isEqualTo(client.callback().replaceAll("^http://|/app/callback$", ""));
			assertThat(consent.select("input[name=scope]").eachAttr("value")).containsExactly("create", "media",
					"profile");
			assertThat(consent.select("input[name=scope][value=create]").hasAttr("checked")).isTrue();
			assertThat(consent.select("label[for=scope-media]").text()).contains("Upload");
			assertThat(consent.select("select#expiry option").eachAttr("value")).containsExactly("1d", "7d", "30d",
					"90d", "365d");
			assertThat(consent.select("select#expiry option[selected]").attr("value")).isEqualTo("30d");
			assertThat(consent.select("button[name=decision][value=approve]").text()).isEqualTo("Approve");
			assertThat(consent.select("button[name=decision][value=deny]").text()).isEqualTo("Deny");
			assertThat(consent.select("form#consent-form").attr("action")).isEqualTo("/auth/authorize/decision");
			assertThat(consent.select("form#consent-form input[name=_csrf]")).hasSize(1);
		}
	}

	@Test
	void approvingSendsACodeStateAndIssuerAndStoresOnlyTheCodesHash() throws Exception {
		try (StandInClient client = StandInClient.start(StandInClient.Kind.HTML)) {
			String redirect = client.callback() + "?from=app";
			String verifier = verifier();
			Map<String, String> request = request(client.clientId(), redirect, verifier, "create media");
			Map<String, String> hidden = consentFields(owner.get(path(request)));
			HttpResponse<String> approved = decide(owner, hidden, List.of("create"), "7d", "approve");
			assertThat(approved.statusCode()).isEqualTo(303);
			assertThat(location(approved)).startsWith(redirect + "&code=");
			Map<String, String> answer = query(approved);
			assertThat(answer).containsEntry("from", "app")
				.containsEntry("state", request.get("state"))
				.containsEntry("iss", AuthorizationFlow.SITE_URL);
			String code = answer.get("code");
			assertThat(code).matches("[A-Za-z0-9_-]{43}");
			List<Map<String, String>> rows = Sqlite.rows(dataPath.resolve("starpunk.db"),
					"SELECT code_hash, me, client_id, redirect_uri, scope, code_challenge, token_lifetime_seconds "
							+ "FROM authorization_codes WHERE client_id = '" + client.clientId() + "'");
			assertThat(rows).hasSize(1);
			assertThat(rows.get(0)).containsEntry("code_hash", Sha256.hex(code))
				.containsEntry("me", "https://ada.example/")
				.containsEntry("redirect_uri", redirect)
				.containsEntry("scope", "create")
				.containsEntry("code_challenge", challenge(verifier))
				.containsEntry("token_lifetime_seconds", "604800");
			assertThat(rows.get(0).values()).doesNotContain(code);
		}
	}

	@Test
	void onlyScopesTheClientAskedForCanBeGranted() throws Exception {
		try (StandInClient client = StandInClient.start(StandInClient.Kind.HTML)) {
			Map<String, String> hidden = consentFields(
					owner.get(path(request(client.clientId(), client.callback(), verifier(), "create"))));
			HttpResponse<String> approved = decide(owner, hidden, List.of("create", "delete"), "30d", "approve");
			assertThat(approved.statusCode()).isEqualTo(303);
			assertThat(Sqlite.rows(dataPath.resolve("starpunk.db"),
					"SELECT scope, token_lifetime_seconds FROM authorization_codes WHERE code_hash = '"
							+ Sha256.hex(query(approved).get("code")) + "'"))
				.containsExactly(Map.of("scope", "create", "token_lifetime_seconds", "2592000"));
		}
	}

	@Test
	void denyingSendsAccessDeniedWithStateAndIssuerAndNoCode() {
		try (StandInClient client = StandInClient.start(StandInClient.Kind.HTML)) {
			Map<String, String> request = request(client.clientId(), client.callback(), verifier(), "create");
			HttpResponse<String> denied = decide(owner, consentFields(owner.get(path(request))), List.of("create"),
					"30d", "deny");
			assertThat(denied.statusCode()).isEqualTo(303);
			assertThat(location(denied)).startsWith(client.callback() + "?");
			assertThat(query(denied)).containsEntry("error", "access_denied")
				.containsEntry("state", request.get("state"))
				.containsEntry("iss", AuthorizationFlow.SITE_URL)
				.doesNotContainKey("code");
		}
	}

	@Test
	void missingOrPlainPkceGoesBackToTheClientAsInvalidRequest() {
		try (StandInClient client = StandInClient.start(StandInClient.Kind.HTML)) {
			Map<String, String> missing = request(client.clientId(), client.callback(), verifier(), "create");
			missing.remove("code_challenge");
			missing.remove("code_challenge_method");
			Map<String, String> plain = request(client.clientId(), client.callback(), verifier(), "create");
			plain.put("code_challenge_method", "plain");
			Map<String, String> noMethod = request(client.clientId(), client.callback(), verifier(), "create");
			noMethod.remove("code_challenge_method");
			for (Map<String, String> request : List.of(missing, plain, noMethod)) {
				HttpResponse<String> response = owner.get(path(request));
				assertThat(response.statusCode()).isEqualTo(302);
				assertThat(location(response)).startsWith(client.callback() + "?");
				assertThat(query(response)).containsEntry("error", "invalid_request")
					.containsEntry("state", request.get("state"))
					.containsEntry("iss", AuthorizationFlow.SITE_URL)
					.containsKey("error_description");
			}
			assertThat(query(owner.get(path(missing)))).as("INDIEAUTH_PKCE=required, the default")
				.containsEntry("error_description",
						"PKCE is required: send code_challenge and code_challenge_method=S256");
		}
	}

	@Test
	void aWrongResponseTypeOrMissingStateGoesBackToTheClient() {
		try (StandInClient client = StandInClient.start(StandInClient.Kind.HTML)) {
			Map<String, String> token = request(client.clientId(), client.callback(), verifier(), null);
			token.put("response_type", "token");
			assertThat(query(owner.get(path(token)))).containsEntry("error", "unsupported_response_type")
				.containsEntry("state", token.get("state"));
			Map<String, String> noState = request(client.clientId(), client.callback(), verifier(), null);
			noState.remove("state");
			assertThat(query(owner.get(path(noState)))).containsEntry("error", "invalid_request")
				.doesNotContainKey("state");
			Map<String, String> legacy = request(client.clientId(), client.callback(), verifier(), null);
			legacy.put("response_type", "id");
			assertThat(owner.get(path(legacy)).statusCode()).isEqualTo(200);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "not a url", "ftp://127.0.0.1/app/", "https://app.example/#fragment",
			"https://user:pass@app.example/", "http://app.example/", "https://app.example", "https://10.0.0.1/app/",
			"https://app.example/a/../b/" })
	void aBadClientIdGetsAnErrorPageAndNoRedirect(String clientId) {
		Map<String, String> request = request(clientId, "https://app.example/callback", verifier(), "create");
		request.remove("code_challenge");
		HttpResponse<String> response = owner.get(path(request));
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Location")).isEmpty();
		assertThat(Jsoup.parse(response.body()).select("h1").text()).contains("cannot be trusted");
	}

	@Test
	void aRedirectUriOnAnotherHostThatTheClientDoesNotListIsRefusedWithoutRedirect() {
		try (StandInClient client = StandInClient.start(StandInClient.Kind.HTML)) {
			client.redirectUris("https://listed.example/callback");
			for (String elsewhere : List.of("https://attacker.example/callback",
					client.callback().replace("127.0.0.1", "localhost"), "javascript:alert(1)")) {
				Map<String, String> request = request(client.clientId(), elsewhere, verifier(), "create");
				request.remove("code_challenge");
				HttpResponse<String> response = owner.get(path(request));
				assertThat(response.statusCode()).as(elsewhere).isEqualTo(400);
				assertThat(response.headers().firstValue("Location")).isEmpty();
				assertThat(response.body()).doesNotContain("consent-form");
			}
		}
	}

	@Test
	void aRedirectUriTheClientListsIsAllowed() {
		for (StandInClient.Kind kind : List.of(StandInClient.Kind.HTML, StandInClient.Kind.JSON)) {
			try (StandInClient client = StandInClient.start(kind)) {
				client.redirectUris("https://listed.example/callback");
				Map<String, String> request = request(client.clientId(), "https://listed.example/callback", verifier(),
						"create");
				HttpResponse<String> page = owner.get(path(request));
				assertThat(page.statusCode()).as(kind.name()).isEqualTo(200);
				Document consent = Jsoup.parse(page.body());
				assertThat(consent.select("h1").text()).contains(client.name());
				assertThat(consent.select(".redirect-host").text()).isEqualTo("listed.example");
				HttpResponse<String> approved = decide(owner, consentFields(page), List.of("create"), "1d", "approve");
				assertThat(location(approved)).startsWith("https://listed.example/callback?code=");
			}
		}
	}

	@Test
	void aJsonDocumentForAnotherClientIdIsIgnored() {
		try (StandInClient client = StandInClient.start(StandInClient.Kind.JSON)) {
			client.redirectUris("https://listed.example/callback").claimClientId("https://other.example/");
			Map<String, String> request = request(client.clientId(), "https://listed.example/callback", verifier(),
					"create");
			assertThat(owner.get(path(request)).statusCode()).isEqualTo(400);
		}
	}

	@Test
	void upToThreeRedirectsAtTheClientIdAreFollowed() {
		try (StandInClient client = StandInClient.start(StandInClient.Kind.HTML)) {
			client.redirectUris("https://listed.example/callback");
			assertThat(owner
				.get(path(request(client.hopsAway(3), "https://listed.example/callback", verifier(), "create")))
				.statusCode()).isEqualTo(200);
			assertThat(owner
				.get(path(request(client.hopsAway(4), "https://listed.example/callback", verifier(), "create")))
				.statusCode()).isEqualTo(400);
		}
	}

	@Test
	void aClientThatCannotBeFetchedStillWorksOnItsOwnHostWithItsUrlAsName() {
		for (StandInClient.Kind kind : List.of(StandInClient.Kind.NOT_FOUND, StandInClient.Kind.SLOW)) {
			try (StandInClient client = StandInClient.start(kind)) {
				long started = System.nanoTime();
				HttpResponse<String> page = owner
					.get(path(request(client.clientId(), client.callback(), verifier(), "create")));
				assertThat(System.nanoTime() - started).as("gave up within the total timeout")
					.isLessThan(7_000_000_000L);
				assertThat(page.statusCode()).as(kind.name()).isEqualTo(200);
				Document consent = Jsoup.parse(page.body());
				assertThat(consent.select("h1 .p-name").text()).isEqualTo(client.clientId());
				assertThat(consent.select("img")).isEmpty();
				HttpResponse<String> approved = decide(owner, consentFields(page), List.of("create"), "30d", "approve");
				assertThat(location(approved)).startsWith(client.callback() + "?code=");
			}
		}
	}

	@Test
	void aTamperedRedirectUriInTheConsentFormIsRefused() {
		try (StandInClient client = StandInClient.start(StandInClient.Kind.HTML)) {
			Map<String, String> hidden = consentFields(
					owner.get(path(request(client.clientId(), client.callback(), verifier(), "create"))));
			hidden.put("redirect_uri", "https://attacker.example/callback");
			HttpResponse<String> response = decide(owner, hidden, List.of("create"), "30d", "approve");
			assertThat(response.statusCode()).isEqualTo(400);
			assertThat(response.headers().firstValue("Location")).isEmpty();
			Map<String, String> badChallenge = consentFields(
					owner.get(path(request(client.clientId(), client.callback(), verifier(), "create"))));
			badChallenge.put("code_challenge", "short");
			assertThat(query(decide(owner, badChallenge, List.of("create"), "30d", "approve")))
				.containsEntry("error", "invalid_request")
				.doesNotContainKey("code");
		}
	}

	@Test
	void theDecisionNeedsTheCsrfFieldAndTheOwner() {
		try (StandInClient client = StandInClient.start(StandInClient.Kind.HTML)) {
			Map<String, String> hidden = new java.util.LinkedHashMap<>(consentFields(
					owner.get(path(request(client.clientId(), client.callback(), verifier(), "create")))));
			hidden.put("scope", "create");
			hidden.put("expiry", "30d");
			hidden.put("decision", "approve");
			HttpResponse<String> withoutCsrf = owner.postWithoutCsrf("/auth/authorize/decision", hidden);
			assertThat(withoutCsrf.statusCode()).isEqualTo(403);
			HttpResponse<String> stranger = OwnerClient.anonymous(server).post("/auth/authorize/decision", hidden);
			assertThat(stranger.statusCode()).isEqualTo(302);
			assertThat(location(stranger)).endsWith("/auth/login");
		}
	}

}
