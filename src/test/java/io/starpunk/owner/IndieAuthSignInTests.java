package io.starpunk.owner;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.starpunk.config.Sha256;
import io.starpunk.support.LoopbackFetches;
import io.starpunk.support.OwnerClient;
import io.starpunk.support.RunningServer;
import io.starpunk.support.Sqlite;
import io.starpunk.support.StandInIndieAuthServer.Discovery;
import io.starpunk.support.StandInIndieAuthServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signing in with the owner's domain, against a stand-in IndieAuth server over real HTTP.
 */
class IndieAuthSignInTests {

	private static final String SITE = "http://starpunk.test/";

	@TempDir
	Path dataPath;

	private StandInIndieAuthServer provider;

	private RunningServer server;

	@AfterEach
	void stop() {
		if (this.server != null) {
			this.server.close();
		}
		if (this.provider != null) {
			this.provider.close();
		}
	}

	@Test
	void theOwnerSignsInWithTheirDomain() throws Exception {
		start(Discovery.METADATA_IN_HTML);
		OwnerClient browser = OwnerClient.anonymous(this.server);
		Document login = Jsoup.parse(browser.get("/auth/login").body());
		assertThat(login.select("#indieauth-form[action=/auth/login/indieauth] button").text())
			.isEqualTo("Sign in with 127.0.0.1");
		HttpResponse<String> started = browser.post("/auth/login/indieauth", Map.of());
		assertThat(started.statusCode()).isEqualTo(303);
		URI authorization = URI.create(started.headers().firstValue("Location").orElseThrow());
		assertThat(authorization.toString()).startsWith(this.provider.me().resolve("/auth").toString());
		HttpResponse<String> back = followAtProvider(authorization);
		Map<String, String> asked = this.provider.lastAuthorization();
		assertThat(asked).containsEntry("response_type", "code")
			.containsEntry("client_id", SITE)
			.containsEntry("redirect_uri", SITE + "auth/callback")
			.containsEntry("code_challenge_method", "S256")
			.containsEntry("me", this.provider.me().toString());
		assertThat(asked.get("code_challenge")).matches("[A-Za-z0-9_-]{43}");
		assertThat(asked.get("state")).matches("[A-Za-z0-9_-]{43}");
		assertThat(Sqlite.rows(this.dataPath.resolve("starpunk.db"), "SELECT state FROM auth_state"))
			.extracting((row) -> row.get("state"))
			.containsExactly(Sha256.hex(asked.get("state")));
		String callback = callbackPath(back);
		HttpResponse<String> signedIn = browser.get(callback);
		assertThat(signedIn.statusCode()).isEqualTo(302);
		assertThat(signedIn.headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).endsWith("/admin"));
		assertThat(browser.sessionCookie()).isPresent();
		assertThat(this.provider.redemptions()).as("the code was redeemed with the right verifier").isEqualTo(1);
		assertThat(browser.get("/auth/login").body()).contains("You are signed in as");
		assertThat(Sqlite.rows(this.dataPath.resolve("starpunk.db"), "SELECT state FROM auth_state")).isEmpty();
		OwnerClient replay = OwnerClient.anonymous(this.server);
		HttpResponse<String> again = replay.get(callback);
		assertThat(again.statusCode()).isEqualTo(400);
		assertThat(Jsoup.parse(again.body()).select(".form-error").text())
			.isEqualTo("This sign-in link has expired or was already used. Please sign in again.");
		assertThat(replay.sessionCookie()).isEmpty();
	}

	@Test
	void anEndpointInTheLinkHeaderIsFoundToo() throws Exception {
		start(Discovery.ENDPOINT_IN_LINK_HEADER);
		this.provider.sendIssuer(null);
		OwnerClient browser = OwnerClient.anonymous(this.server);
		URI authorization = URI
			.create(browser.post("/auth/login/indieauth", Map.of()).headers().firstValue("Location").orElseThrow());
		assertThat(browser.get(callbackPath(followAtProvider(authorization))).statusCode()).isEqualTo(302);
		assertThat(browser.sessionCookie()).isPresent();
	}

	@Test
	void anAnswerFromAnotherIssuerIsRefused() throws Exception {
		start(Discovery.METADATA_IN_HTML);
		this.provider.sendIssuer("https://evil.example/");
		assertRefused("The answer did not come from your IndieAuth server (wrong issuer).");
		assertThat(this.provider.redemptions()).as("the code is not even redeemed").isZero();
		this.provider.sendIssuer(null);
		assertRefused("The answer did not come from your IndieAuth server (wrong issuer).");
	}

	@Test
	void aSignInForSomeoneElseIsRefused() throws Exception {
		start(Discovery.METADATA_IN_HTML);
		this.provider.vouchFor("https://someone-else.example/");
		assertRefused("That sign-in was for https://someone-else.example/, not for " + this.provider.me() + ".");
	}

	@Test
	void aCancelledOrForgedReturnIsRefused() throws Exception {
		start(Discovery.METADATA_IN_HTML);
		OwnerClient browser = OwnerClient.anonymous(this.server);
		HttpResponse<String> denied = browser.get("/auth/callback?error=access_denied&state=whatever");
		assertThat(denied.statusCode()).isEqualTo(400);
		assertThat(Jsoup.parse(denied.body()).select(".form-error").text())
			.isEqualTo("The sign-in was cancelled at your IndieAuth server.");
		HttpResponse<String> forged = browser.get("/auth/callback?code=abc&state=made-up&iss=x");
		assertThat(forged.statusCode()).isEqualTo(400);
		assertThat(browser.get("/auth/callback").statusCode()).isEqualTo(400);
		assertThat(browser.sessionCookie()).isEmpty();
	}

	@Test
	void withoutIndieAuthLoginTheRoutesAreNotThere(@TempDir Path other) {
		try (RunningServer plain = RunningServer.start(other, List.of(), "ADMIN_PASSWORD=" + OwnerClient.PASSWORD)) {
			OwnerClient browser = OwnerClient.anonymous(plain);
			assertThat(browser.post("/auth/login/indieauth", Map.of()).statusCode()).isEqualTo(404);
			assertThat(browser.get("/auth/callback?code=a&state=b").statusCode()).isEqualTo(404);
		}
	}

	@Test
	void startingIsThrottledBeforeAnythingIsFetched() {
		start(Discovery.METADATA_IN_HTML);
		OwnerClient browser = OwnerClient.anonymous(this.server);
		for (int i = 0; i < IndieAuthLoginLimit.ADDRESS_BURST; i++) {
			assertThat(browser.post("/auth/login/indieauth", Map.of()).statusCode()).as("start " + i).isEqualTo(303);
		}
		int fetched = this.provider.identityPageFetches();
		assertThat(fetched).isEqualTo(IndieAuthLoginLimit.ADDRESS_BURST);
		HttpResponse<String> refused = browser.post("/auth/login/indieauth", Map.of());
		assertThat(refused.statusCode()).isEqualTo(429);
		assertThat(refused.headers().firstValue("Retry-After"))
			.hasValueSatisfying((seconds) -> assertThat(Long.parseLong(seconds)).isBetween(1L, 30L));
		assertThat(Jsoup.parse(refused.body()).select(".form-error").text())
			.matches("Too many IndieAuth sign-ins were started\\. Try again in \\d+ seconds?\\.");
		assertThat(this.provider.identityPageFetches()).as("nothing fetched for a refused start").isEqualTo(fetched);
	}

	private void assertRefused(String message) throws Exception {
		OwnerClient browser = OwnerClient.anonymous(this.server);
		URI authorization = URI
			.create(browser.post("/auth/login/indieauth", Map.of()).headers().firstValue("Location").orElseThrow());
		HttpResponse<String> refused = browser.get(callbackPath(followAtProvider(authorization)));
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(Jsoup.parse(refused.body()).select(".form-error").text()).isEqualTo(message);
		assertThat(browser.sessionCookie()).isEmpty();
	}

	private void start(Discovery discovery) {
		this.provider = StandInIndieAuthServer.start(discovery);
		this.server = RunningServer.start(this.dataPath, List.of(LoopbackFetches.class),
				"ADMIN_PASSWORD=" + OwnerClient.PASSWORD, "INDIEAUTH_LOGIN=true", "ADMIN_ME=" + this.provider.me(),
				"SITE_URL=" + SITE);
	}

	private static HttpResponse<String> followAtProvider(URI authorization) throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(authorization).GET().build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(302);
		return response;
	}

	/**
	 * The provider redirects to SITE_URL's callback; the test server listens elsewhere.
	 */
	private static String callbackPath(HttpResponse<String> fromProvider) {
		String location = fromProvider.headers().firstValue("Location").orElseThrow();
		assertThat(location).startsWith(SITE + "auth/callback?");
		return location.substring(SITE.length() - 1);
	}

}
