package io.starpunk.indieauth;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.AuthorizationResponse;
import com.nimbusds.oauth2.sdk.AuthorizationSuccessResponse;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenIntrospectionRequest;
import com.nimbusds.oauth2.sdk.TokenIntrospectionResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.TokenRevocationRequest;
import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.sun.net.httpserver.HttpServer;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.starpunk.support.Browser;
import io.starpunk.support.BrowserScreenshots;
import io.starpunk.support.LoopbackFetches;
import io.starpunk.support.OwnerClient;
import io.starpunk.support.RunningServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole IndieAuth flow as a strict OAuth client walks it, with the Nimbus OAuth 2.0
 * SDK: discovery from the owner's page, a PKCE authorization request approved by the
 * owner on the consent page in a real browser, the {@code iss} check, the code exchange,
 * introspection, revocation, and refresh with rotation; then no code or token it saw may
 * be found in the database files or the log.
 */
@ExtendWith(OutputCaptureExtension.class)
class IndieAuthEndToEndTests {

	@TempDir
	Path dataPath;

	private Browser browser;

	@RegisterExtension
	final BrowserScreenshots screenshots = new BrowserScreenshots(() -> this.browser);

	@Test
	void aStrictOAuthClientGetsUsesRefreshesAndLosesItsTokens(CapturedOutput output) throws Exception {
		List<String> secrets = new ArrayList<>();
		HttpServer app = clientApp();
		String clientBase = "http://127.0.0.1:" + app.getAddress().getPort() + "/";
		ClientID clientId = new ClientID(clientBase);
		URI redirect = URI.create(clientBase + "callback");
		try (RunningServer server = RunningServer.startAtItsOwnUrl(this.dataPath, List.of(LoopbackFetches.class),
				"ADMIN_PASSWORD=" + OwnerClient.PASSWORD); Browser browser = Browser.start()) {
			this.browser = browser;
			// discovery: the owner's page names the metadata, as IndieAuth says
			URI me = server.context().getBean(io.starpunk.config.StarpunkSettings.class).siteUrl();
			HttpResponse<String> home = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(me).build(), HttpResponse.BodyHandlers.ofString());
			URI metadataUrl = URI.create(Jsoup.parse(home.body()).select("link[rel=indieauth-metadata]").attr("href"));
			AuthorizationServerMetadata metadata = AuthorizationServerMetadata
				.parse(new com.nimbusds.oauth2.sdk.http.HTTPRequest(com.nimbusds.oauth2.sdk.http.HTTPRequest.Method.GET,
						metadataUrl)
					.send()
					.getBodyAsJSONObject());
			assertThat(metadata.getIssuer()).isEqualTo(new Issuer(me.toString()));
			assertThat(AuthorizationServerMetadata.resolve(new Issuer(me.toString())).getIssuer())
				.as("RFC 8414 discovery from the issuer agrees")
				.isEqualTo(metadata.getIssuer());
			assertThat(metadata.getCodeChallengeMethods()).containsExactly(CodeChallengeMethod.S256);

			Flow flow = new Flow(browser, metadata, clientId, redirect, me, secrets);

			// the first authorization request: the owner signs in, sees the consent page,
			// approves
			AccessTokenResponse observerTokens = flow
				.exchange(flow.authorize(new Scope("create", "update", "profile")));
			BearerAccessToken observer = observerTokens.getTokens().getBearerAccessToken();
			assertThat(observerTokens.getCustomParameters()).containsEntry("me", me.toString());
			assertThat(observer.getScope()).isEqualTo(new Scope("create", "update", "profile"));
			assertThat(observer.getLifetime()).isPositive();
			TokenIntrospectionResponse introspection = flow.introspect(observer, observer);
			assertThat(introspection.indicatesSuccess()).isTrue();
			assertThat(introspection.toSuccessResponse().isActive()).isTrue();
			assertThat(introspection.toSuccessResponse().getClientID()).isEqualTo(clientId);
			assertThat(introspection.toSuccessResponse().getStringParameter("me")).isEqualTo(me.toString());

			// a code works once; its second use revokes what the first issued
			Authorized once = flow.authorize(new Scope("create"));
			BearerAccessToken first = flow.exchange(once).getTokens().getBearerAccessToken();
			assertThat(flow.active(observer, first)).isTrue();
			TokenResponse again = flow.token(new AuthorizationCodeGrant(once.code(), redirect, once.verifier()));
			assertThat(again.indicatesSuccess()).isFalse();
			assertThat(((TokenErrorResponse) again).getErrorObject().getCode()).isEqualTo("invalid_grant");
			assertThat(flow.active(observer, first)).isFalse();

			// refresh with rotation; a refresh token used twice revokes the chain
			AccessTokenResponse pair = flow.exchange(flow.authorize(new Scope("create")));
			RefreshToken refresh = pair.getTokens().getRefreshToken();
			AccessTokenResponse refreshed = flow.token(new RefreshTokenGrant(refresh)).toSuccessResponse();
			BearerAccessToken newer = refreshed.getTokens().getBearerAccessToken();
			secrets.add(newer.getValue());
			secrets.add(refreshed.getTokens().getRefreshToken().getValue());
			assertThat(refreshed.getTokens().getRefreshToken()).isNotEqualTo(refresh);
			assertThat(flow.active(observer, newer)).isTrue();
			TokenResponse reused = flow.token(new RefreshTokenGrant(refresh));
			assertThat(reused.indicatesSuccess()).isFalse();
			assertThat(((TokenErrorResponse) reused).getErrorObject().getCode()).isEqualTo("invalid_grant");
			assertThat(flow.active(observer, newer)).as("reuse revokes the chain").isFalse();

			// revocation
			BearerAccessToken revoked = flow.exchange(flow.authorize(new Scope("create")))
				.getTokens()
				.getBearerAccessToken();
			assertThat(flow.active(observer, revoked)).isTrue();
			HTTPResponse revocation = new TokenRevocationRequest(metadata.getRevocationEndpointURI(), clientId, revoked)
				.toHTTPRequest()
				.send();
			assertThat(revocation.getStatusCode()).isEqualTo(200);
			assertThat(flow.active(observer, revoked)).isFalse();
			assertThat(flow.active(observer, observer)).as("the others are untouched").isTrue();
		}
		finally {
			app.stop(0);
		}
		// nothing the client saw is anywhere at rest or in the log
		List<Path> files = new ArrayList<>();
		try (var walk = Files.walk(this.dataPath)) {
			walk.filter(Files::isRegularFile).forEach(files::add);
		}
		assertThat(files).extracting((file) -> file.getFileName().toString()).contains("starpunk.db");
		for (Path file : files) {
			String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
			for (String secret : secrets) {
				assertThat(bytes).as(file + " holds no code or token").doesNotContain(secret);
			}
		}
		for (String secret : secrets) {
			assertThat(output.getAll()).as("the log holds no code or token").doesNotContain(secret);
		}
		assertThat(secrets).hasSizeGreaterThanOrEqualTo(9);
	}

	private record Authorized(AuthorizationCode code, CodeVerifier verifier) {
	}

	/** One client's side of the flow. */
	private record Flow(Browser browser, AuthorizationServerMetadata metadata, ClientID clientId, URI redirect, URI me,
			List<String> secrets) {

		/** Sends the browser with a PKCE request; signs in if asked; approves. */
		Authorized authorize(Scope scope) throws Exception {
			CodeVerifier verifier = new CodeVerifier();
			State state = new State();
			this.browser.open(new AuthorizationRequest.Builder(new ResponseType(ResponseType.Value.CODE), this.clientId)
				.redirectionURI(this.redirect)
				.scope(scope)
				.state(state)
				.codeChallenge(verifier, CodeChallengeMethod.S256)
				.customParameter("me", this.me.toString())
				.endpointURI(this.metadata.getAuthorizationEndpointURI())
				.build()
				.toURI());
			if (this.browser.currentPath().equals("/auth/login")) {
				this.browser.type("#login-form input#password", OwnerClient.PASSWORD);
				this.browser.click("#login-form button[type=submit]");
			}
			this.browser.waitFor("form#consent-form");
			this.browser.screenshot("consent");
			assertThat(this.browser.text()).contains("127.0.0.1");
			this.browser.click("button[name=decision][value=approve]");
			this.browser.waitForPath("/callback");
			AuthorizationResponse response = AuthorizationResponse
				.parse(URI.create(this.browser.driver().getCurrentUrl()));
			assertThat(response.indicatesSuccess()).isTrue();
			AuthorizationSuccessResponse success = response.toSuccessResponse();
			assertThat(success.getState()).isEqualTo(state);
			assertThat(success.getIssuer()).as("RFC 9207: the response names its issuer")
				.isEqualTo(this.metadata.getIssuer());
			this.secrets.add(success.getAuthorizationCode().getValue());
			return new Authorized(success.getAuthorizationCode(), verifier);
		}

		AccessTokenResponse exchange(Authorized authorized) throws Exception {
			AccessTokenResponse tokens = token(
					new AuthorizationCodeGrant(authorized.code(), this.redirect, authorized.verifier()))
				.toSuccessResponse();
			this.secrets.add(tokens.getTokens().getBearerAccessToken().getValue());
			this.secrets.add(tokens.getTokens().getRefreshToken().getValue());
			return tokens;
		}

		TokenResponse token(com.nimbusds.oauth2.sdk.AuthorizationGrant grant) throws Exception {
			return TokenResponse.parse(
					new TokenRequest(this.metadata.getTokenEndpointURI(), this.clientId, grant).toHTTPRequest().send());
		}

		TokenIntrospectionResponse introspect(BearerAccessToken caller, BearerAccessToken token) throws Exception {
			return TokenIntrospectionResponse
				.parse(new TokenIntrospectionRequest(this.metadata.getIntrospectionEndpointURI(), caller, token)
					.toHTTPRequest()
					.send());
		}

		boolean active(BearerAccessToken caller, BearerAccessToken token) throws Exception {
			TokenIntrospectionResponse response = introspect(caller, token);
			assertThat(response.indicatesSuccess()).as("the caller may introspect").isTrue();
			return response.toSuccessResponse().isActive();
		}

	}

	/** The client's own site: its client_id page (an h-app) and its redirect target. */
	private static HttpServer clientApp() throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/", (exchange) -> {
			String body = exchange.getRequestURI().getPath().equals("/callback") ? "<p>Signed in.</p>"
					: "<div class=\"h-app\"><a class=\"u-url p-name\" href=\"/\">Nimbus Test Client</a></div>";
			byte[] bytes = ("<!doctype html><title>Client</title>" + body).getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
			exchange.sendResponseHeaders(200, bytes.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		});
		server.start();
		return server;
	}

}
