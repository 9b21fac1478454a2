package io.starpunk.indieauth;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenIntrospectionRequest;
import com.nimbusds.oauth2.sdk.TokenIntrospectionResponse;
import com.nimbusds.oauth2.sdk.TokenIntrospectionSuccessResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.TokenRevocationRequest;
import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.pkce.CodeChallenge;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.starpunk.support.RunningServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A strict OAuth 2.0 client, the Nimbus SDK, against the token side of the server:
 * discovery with the issuer check (RFC 8414), code exchange with PKCE, introspection,
 * refresh with rotation and reuse, and revocation. (The code comes straight from
 * {@link AuthorizationCodes}; the consent page's end-to-end test is the authorization
 * endpoint's.)
 */
class StrictClientTests {

	@TempDir
	static Path dataPath;

	static RunningServer server;

	static Issuer issuer;

	@BeforeAll
	static void start() throws Exception {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		issuer = new Issuer("http://127.0.0.1:" + port + "/");
		server = RunningServer.start(dataPath, List.of(), "PORT=" + port, "SITE_URL=" + issuer.getValue(),
				"ADMIN_ME=https://owner.example/");
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@Test
	void aStrictClientDiscoversExchangesIntrospectsRefreshesAndRevokes() throws Exception {
		AuthorizationServerMetadata metadata = AuthorizationServerMetadata.resolve(issuer);
		assertThat(metadata.getIssuer()).isEqualTo(issuer);
		assertThat(metadata.getCodeChallengeMethods()).containsExactly(CodeChallengeMethod.S256);
		assertThat(metadata.supportsAuthorizationResponseIssuerParam()).isTrue();
		ClientID client = new ClientID(OAuthTestClient.CLIENT_ID);
		URI redirect = URI.create(OAuthTestClient.REDIRECT_URI);
		CodeVerifier verifier = new CodeVerifier();
		String code = server.context()
			.getBean(AuthorizationCodes.class)
			.issue(new CodeGrant(OAuthTestClient.ME, client.getValue(), redirect.toString(), "create media",
					CodeChallenge.compute(CodeChallengeMethod.S256, verifier).getValue(), Duration.ofDays(7)));

		TokenResponse exchanged = TokenResponse.parse(new TokenRequest(metadata.getTokenEndpointURI(), client,
				new AuthorizationCodeGrant(new AuthorizationCode(code), redirect, verifier))
			.toHTTPRequest()
			.send());
		assertThat(exchanged.indicatesSuccess()).as(String.valueOf(exchanged)).isTrue();
		AccessTokenResponse tokens = exchanged.toSuccessResponse();
		AccessToken access = tokens.getTokens().getBearerAccessToken();
		RefreshToken refresh = tokens.getTokens().getRefreshToken();
		assertThat(access.getScope()).isEqualTo(new Scope("create", "media"));
		assertThat(access.getLifetime()).isEqualTo(Duration.ofDays(7).toSeconds());
		assertThat(tokens.getCustomParameters()).containsEntry("me", OAuthTestClient.ME);
		assertThat(refresh).isNotNull();

		TokenIntrospectionResponse introspected = TokenIntrospectionResponse
			.parse(new TokenIntrospectionRequest(metadata.getIntrospectionEndpointURI(), access, access).toHTTPRequest()
				.send());
		TokenIntrospectionSuccessResponse answer = introspected.toSuccessResponse();
		assertThat(answer.isActive()).isTrue();
		assertThat(answer.getClientID()).isEqualTo(client);
		assertThat(answer.getScope()).isEqualTo(new Scope("create", "media"));
		assertThat(answer.getExpirationTime()).isNotNull();
		assertThat(answer.getStringParameter("me")).isEqualTo(OAuthTestClient.ME);

		TokenResponse refreshed = TokenResponse.parse(
				new TokenRequest(metadata.getTokenEndpointURI(), client, new RefreshTokenGrant(refresh)).toHTTPRequest()
					.send());
		assertThat(refreshed.indicatesSuccess()).isTrue();
		AccessToken renewed = refreshed.toSuccessResponse().getTokens().getBearerAccessToken();
		RefreshToken rotated = refreshed.toSuccessResponse().getTokens().getRefreshToken();
		assertThat(rotated).isNotEqualTo(refresh);

		TokenResponse reused = TokenResponse.parse(
				new TokenRequest(metadata.getTokenEndpointURI(), client, new RefreshTokenGrant(refresh)).toHTTPRequest()
					.send());
		assertThat(reused.indicatesSuccess()).isFalse();
		assertThat(((TokenErrorResponse) reused).getErrorObject()).isEqualTo(OAuth2Error.INVALID_GRANT);
		assertThat(introspect(metadata, renewed, renewed).indicatesSuccess()).as("the bearer itself is revoked")
			.isFalse();

		// a new grant, revoked through the revocation endpoint
		CodeVerifier second = new CodeVerifier();
		String secondCode = server.context()
			.getBean(AuthorizationCodes.class)
			.issue(new CodeGrant(OAuthTestClient.ME, client.getValue(), redirect.toString(), "create",
					CodeChallenge.compute(CodeChallengeMethod.S256, second).getValue(), Duration.ofDays(7)));
		AccessTokenResponse fresh = TokenResponse
			.parse(new TokenRequest(metadata.getTokenEndpointURI(), client,
					new AuthorizationCodeGrant(new AuthorizationCode(secondCode), redirect, second))
				.toHTTPRequest()
				.send())
			.toSuccessResponse();
		AccessToken witness = fresh.getTokens().getBearerAccessToken();
		assertThat(new TokenRevocationRequest(metadata.getRevocationEndpointURI(), client,
				fresh.getTokens().getRefreshToken())
			.toHTTPRequest()
			.send()
			.getStatusCode()).isEqualTo(200);
		assertThat(introspect(metadata, witness, witness).indicatesSuccess()).isFalse();
	}

	private static TokenIntrospectionResponse introspect(AuthorizationServerMetadata metadata, AccessToken bearer,
			AccessToken token) throws Exception {
		return TokenIntrospectionResponse
			.parse(new TokenIntrospectionRequest(metadata.getIntrospectionEndpointURI(), bearer, token).toHTTPRequest()
				.send());
	}

}
