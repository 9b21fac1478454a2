package io.starpunk.indieauth;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.transaction.support.TransactionTemplate;

import io.starpunk.config.Sha256;
import io.starpunk.support.MovableClock;
import io.starpunk.support.OwnerClient;
import io.starpunk.support.RunningServer;
import io.starpunk.support.Sqlite;

import static io.starpunk.indieauth.OAuthTestClient.CLIENT_ID;
import static io.starpunk.indieauth.OAuthTestClient.REDIRECT_URI;
import static io.starpunk.indieauth.OAuthTestClient.json;
import static io.starpunk.support.JsonErrors.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The token endpoint, introspection, revocation and userinfo, over HTTP against the real
 * application on a real SQLite file.
 */
@ExtendWith(OutputCaptureExtension.class)
class TokenEndpointTests {

	@TempDir
	static Path dataPath;

	/** The application's clock, moved by hand. */
	static final MovableClock clock = new MovableClock(Instant.now());

	static RunningServer server;

	static OAuthTestClient client;

	/** An access token that stays active, to authenticate introspection requests. */
	static String witness;

	@BeforeAll
	static void start() {
		server = RunningServer.start(dataPath, List.of(TestClock.class), "SITE_URL=http://starpunk.test/",
				"ADMIN_ME=https://owner.example/", "SITE_AUTHOR=Ada Lovelace",
				"SITE_AUTHOR_PHOTO=https://owner.example/ada.jpg", "SITE_AUTHOR_EMAIL=ada@owner.example",
				"ADMIN_PASSWORD=" + OwnerClient.PASSWORD);
		client = new OAuthTestClient(server);
		witness = client.tokens("create").path("access_token").asString();
	}

	/**
	 * After every flow: no code, verifier or token string the tests saw is in the
	 * database file, its write-ahead log or the log output.
	 */
	@AfterAll
	static void stop(CapturedOutput output) throws Exception {
		try {
			assertThat(OAuthTestClient.seen).hasSizeGreaterThan(50);
			for (String file : List.of("starpunk.db", "starpunk.db-wal")) {
				Path path = dataPath.resolve(file);
				if (Files.exists(path)) {
					String bytes = new String(Files.readAllBytes(path), StandardCharsets.ISO_8859_1);
					for (String secret : OAuthTestClient.seen) {
						assertThat(bytes).as(file).doesNotContain(secret);
					}
				}
			}
			assertThat(output.getAll()).as("the log is captured").contains("Migrated");
			for (String secret : OAuthTestClient.seen) {
				assertThat(output.getAll()).as("the log").doesNotContain(secret);
			}
		}
		finally {
			server.close();
		}
	}

	/** Time moves on between tests: each starts with a full bucket of requests. */
	@BeforeEach
	void fullBucket() {
		clock.move(TokenRateLimit.PERIOD);
	}

	@Test
	void aCodeIsExchangedForTokensOfWhichTheDatabaseSeesOnlyHashes() throws Exception {
		OAuthTestClient.Code code = client.code("create media profile");
		HttpResponse<String> response = client.exchange(code);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
		assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
		assertThat(response.headers().firstValue("Pragma")).hasValue("no-cache");
		JsonNode body = json(response);
		String access = body.path("access_token").asString();
		String refresh = body.path("refresh_token").asString();
		assertThat(access).matches("[A-Za-z0-9_-]{43}");
		assertThat(refresh).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(access);
		assertThat(body.path("token_type").asString()).isEqualTo("Bearer");
		assertThat(body.path("scope").asString()).isEqualTo("create media profile");
		assertThat(body.path("me").asString()).isEqualTo("https://owner.example/");
		assertThat(body.path("expires_in").asLong()).isEqualTo(14 * 24 * 3600);
		assertThat(body.path("profile").path("name").asString()).isEqualTo("Ada Lovelace");
		assertThat(body.path("profile").path("url").asString()).isEqualTo("https://owner.example/");
		assertThat(body.path("profile").path("photo").asString()).isEqualTo("https://owner.example/ada.jpg");
		assertThat(body.path("profile").has("email")).isFalse();
		Path db = dataPath.resolve("starpunk.db");
		assertThat(Sqlite.rows(db,
				"SELECT token_hash, grant_id, expires_at FROM tokens WHERE token_hash = '" + Sha256.hex(access) + "'"))
			.singleElement()
			.satisfies((row) -> {
				assertThat(row.get("grant_id")).isEqualTo(Sha256.hex(code.code()));
				assertThat(row.get("expires_at")).isNotNull();
			});
		assertThat(Sqlite.rows(db,
				"SELECT token_hash, expires_at FROM refresh_tokens WHERE token_hash = '" + Sha256.hex(refresh) + "'"))
			.hasSize(1);
	}

	@Test
	void aCodeWithoutProfileScopeGetsNoProfile() {
		JsonNode body = client.tokens("create");
		assertThat(body.has("profile")).isFalse();
		assertThat(body.path("scope").asString()).isEqualTo("create");
	}

	@Test
	void aWrongOrMissingVerifierIsRefused() {
		OAuthTestClient.Code code = client.code("create");
		assertError(client.exchange(new OAuthTestClient.Code(code.code(), OAuthTestClient.verifier())), 400,
				"invalid_grant");
		OAuthTestClient.Code other = client.code("create");
		assertError(client.post("/auth/token", Map.of("grant_type", "authorization_code", "code", other.code(),
				"client_id", CLIENT_ID, "redirect_uri", REDIRECT_URI)), 400, "invalid_request");
	}

	@Test
	void whilePkceIsRequiredACodeIssuedWithoutAChallengeIsRefused() {
		// such a code exists only if the server ran with INDIEAUTH_PKCE=optional minutes
		// ago
		AuthorizationCodes codes = server.context().getBean(AuthorizationCodes.class);
		String bare = codes.issue(new CodeGrant("https://owner.example/", CLIENT_ID, REDIRECT_URI, "create", null,
				java.time.Duration.ofDays(1)));
		OAuthTestClient.seen.add(bare);
		assertError(client.post("/auth/token", Map.of("grant_type", "authorization_code", "code", bare, "client_id",
				CLIENT_ID, "redirect_uri", REDIRECT_URI)), 400, "invalid_request");
		assertError(client.exchange(new OAuthTestClient.Code(bare, OAuthTestClient.verifier())), 400, "invalid_grant");
	}

	@Test
	void aReusedCodeIsRefusedAndRevokesWhatItsFirstUseIssued() {
		OAuthTestClient.Code code = client.code("create");
		String access = json(client.exchange(code)).path("access_token").asString();
		assertThat(client.active(access)).isTrue();
		assertError(client.exchange(code), 400, "invalid_grant");
		assertThat(json(client.introspect(witness, access)).path("active").asBoolean()).isFalse();
	}

	@Test
	void anExpiredCodeIsRefused() {
		AuthorizationCodes past = new AuthorizationCodes(server.context().getBean(AuthorizationCodeRepository.class),
				server.context().getBean(TransactionTemplate.class),
				Clock.fixed(Instant.now().minus(AuthorizationCodes.LIFETIME).minusSeconds(5), ZoneOffset.UTC),
				new SecureRandom());
		assertError(client.exchange(OAuthTestClient.code(past, "create")), 400, "invalid_grant");
	}

	@Test
	void aCodeIsRefusedToAnotherRedirectUriOrClient() {
		OAuthTestClient.Code code = client.code("create");
		assertError(
				client.post("/auth/token",
						Map.of("grant_type", "authorization_code", "code", code.code(), "client_id", CLIENT_ID,
								"redirect_uri", "https://app.example/other", "code_verifier", code.verifier())),
				400, "invalid_grant");
		OAuthTestClient.Code second = client.code("create");
		assertError(client
			.post("/auth/token",
					Map.of("grant_type", "authorization_code", "code", second.code(), "client_id",
							"https://evil.example/", "redirect_uri", REDIRECT_URI, "code_verifier", second.verifier())),
				400, "invalid_grant");
	}

	@Test
	void anExtraMeIsTolerated() {
		OAuthTestClient.Code code = client.code("create");
		HttpResponse<String> response = client.post("/auth/token",
				Map.of("grant_type", "authorization_code", "code", code.code(), "client_id", CLIENT_ID, "redirect_uri",
						REDIRECT_URI, "code_verifier", code.verifier(), "me", "https://owner.example/"));
		assertThat(response.statusCode()).isEqualTo(200);
	}

	@Test
	void aProfileOnlyCodeGetsNoAccessTokenAndStaysUnused() throws Exception {
		for (String scope : List.of("profile", "profile email", "")) {
			OAuthTestClient.Code code = client.code(scope);
			HttpResponse<String> response = client.exchange(code);
			assertError(response, 400, "invalid_grant");
			assertThat(json(response).path("error_description").asString())
				.isEqualTo("this code was issued for authentication only; redeem it at the authorization endpoint");
			assertThat(json(response).has("access_token")).isFalse();
			assertThat(Sqlite.rows(dataPath.resolve("starpunk.db"),
					"SELECT used_at FROM authorization_codes WHERE code_hash = '" + Sha256.hex(code.code()) + "'"))
				.singleElement()
				.satisfies((row) -> assertThat(row.get("used_at")).isNull());
		}
	}

	@Test
	void malformedRequestsGetOAuthErrors() {
		assertError(client.post("/auth/token", Map.of("grant_type", "password", "username", "a", "password", "b")), 400,
				"unsupported_grant_type");
		assertError(client.post("/auth/token", Map.of("code", "x")), 400, "invalid_request");
		assertError(client.post("/auth/token", Map.of("grant_type", "authorization_code")), 400, "invalid_request");
		assertError(client.post("/auth/token", Map.of("grant_type", "refresh_token")), 400, "invalid_request");
		HttpResponse<String> asJson = OAuthTestClient.send(HttpRequest.newBuilder(server.uri("/auth/token"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"grant_type\":")));
		assertError(asJson, 400, "invalid_request");
		HttpResponse<String> twice = OAuthTestClient.send(HttpRequest.newBuilder(server.uri("/auth/token"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("grant_type=refresh_token&grant_type=authorization_code")));
		assertError(twice, 400, "invalid_request");
	}

	@Test
	void refreshRotatesAndAReusedRefreshTokenRevokesTheChain() {
		JsonNode first = client.tokens("create update profile");
		HttpResponse<String> refreshed = client.post("/auth/token", Map.of("grant_type", "refresh_token",
				"refresh_token", first.path("refresh_token").asString(), "client_id", CLIENT_ID));
		assertThat(refreshed.statusCode()).isEqualTo(200);
		assertThat(refreshed.headers().firstValue("Cache-Control")).hasValue("no-store");
		JsonNode second = json(refreshed);
		assertThat(second.path("scope").asString()).isEqualTo("create update profile");
		assertThat(second.path("expires_in").asLong()).isEqualTo(14 * 24 * 3600);
		assertThat(second.path("profile").path("name").asString()).isEqualTo("Ada Lovelace");
		assertThat(second.path("refresh_token").asString()).isNotEqualTo(first.path("refresh_token").asString());
		HttpResponse<String> narrower = client.post("/auth/token", Map.of("grant_type", "refresh_token",
				"refresh_token", second.path("refresh_token").asString(), "client_id", CLIENT_ID, "scope", "create"));
		assertThat(narrower.statusCode()).isEqualTo(200);
		JsonNode third = json(narrower);
		assertThat(third.path("scope").asString()).isEqualTo("create");
		assertThat(third.has("profile")).isFalse();
		assertError(
				client.post("/auth/token", Map.of("grant_type", "refresh_token", "refresh_token",
						third.path("refresh_token").asString(), "client_id", CLIENT_ID, "scope", "create delete")),
				400, "invalid_scope");
		assertError(
				client
					.post("/auth/token",
							Map.of("grant_type", "refresh_token", "refresh_token",
									third.path("refresh_token").asString(), "client_id", "https://evil.example/")),
				400, "invalid_grant");
		String newest = third.path("access_token").asString();
		assertThat(client.active(newest)).isTrue();
		// the second refresh token was used: presenting it again revokes everything
		assertError(
				client
					.post("/auth/token",
							Map.of("grant_type", "refresh_token", "refresh_token",
									second.path("refresh_token").asString(), "client_id", CLIENT_ID)),
				400, "invalid_grant");
		assertThat(json(client.introspect(witness, newest)).path("active").asBoolean()).isFalse();
		assertThat(json(client.introspect(witness, first.path("access_token").asString())).path("active").asBoolean())
			.isFalse();
		assertError(
				client
					.post("/auth/token",
							Map.of("grant_type", "refresh_token", "refresh_token",
									third.path("refresh_token").asString(), "client_id", CLIENT_ID)),
				400, "invalid_grant");
	}

	@Test
	void introspectionAnswersActiveTokensToHoldersOfOne() {
		JsonNode tokens = client.tokens("create media");
		HttpResponse<String> response = client.introspect(witness, tokens.path("access_token").asString());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
		JsonNode body = json(response);
		assertThat(body.path("active").isBoolean()).isTrue();
		assertThat(body.path("active").asBoolean()).isTrue();
		assertThat(body.path("me").asString()).isEqualTo("https://owner.example/");
		assertThat(body.path("client_id").asString()).isEqualTo(CLIENT_ID);
		assertThat(body.path("scope").asString()).isEqualTo("create media");
		assertThat(body.path("token_type").asString()).isEqualTo("Bearer");
		assertThat(body.path("exp").isIntegralNumber()).isTrue();
		assertThat(body.path("exp").asLong() - body.path("iat").asLong()).isEqualTo(14 * 24 * 3600);
		for (String inactive : List.of("unknown-token", tokens.path("refresh_token").asString(), "x".repeat(600))) {
			HttpResponse<String> answer = client.introspect(witness, inactive);
			assertThat(answer.statusCode()).isEqualTo(200);
			assertThat(answer.body()).isEqualTo("{\"active\":false}");
		}
		HttpResponse<String> anonymous = client.post("/auth/introspect",
				Map.of("token", tokens.path("access_token").asString()));
		assertError(anonymous, 401, "invalid_token");
		assertThat(anonymous.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying((value) -> assertThat(value).startsWith("Bearer"));
		assertError(client.introspect("not-a-token", tokens.path("access_token").asString()), 401, "invalid_token");
	}

	@Test
	void revokingAnAccessTokenTakesEffectAtOnce() {
		JsonNode tokens = client.tokens("create");
		String access = tokens.path("access_token").asString();
		assertThat(client.active(access)).isTrue();
		assertThat(client.get("/auth/token", access).statusCode()).as("cached now").isEqualTo(200);
		HttpResponse<String> revoked = client.post("/auth/revoke",
				Map.of("token", access, "token_type_hint", "access_token"));
		assertThat(revoked.statusCode()).isEqualTo(200);
		assertThat(client.get("/auth/token", access).statusCode()).isEqualTo(401);
		assertThat(json(client.introspect(witness, access)).path("active").asBoolean()).isFalse();
		assertThat(client.post("/auth/revoke", Map.of("token", "never-issued")).statusCode()).isEqualTo(200);
		assertThat(client.post("/auth/revoke", Map.of("token", access)).statusCode()).isEqualTo(200);
		// its refresh token still works: only the access token was revoked
		assertThat(
				client
					.post("/auth/token",
							Map.of("grant_type", "refresh_token", "refresh_token",
									tokens.path("refresh_token").asString(), "client_id", CLIENT_ID))
					.statusCode())
			.isEqualTo(200);
	}

	@Test
	void revokingARefreshTokenRevokesItsGrant() {
		JsonNode tokens = client.tokens("create");
		String access = tokens.path("access_token").asString();
		assertThat(client.active(access)).isTrue();
		assertThat(client.post("/auth/revoke", Map.of("token", tokens.path("refresh_token").asString())).statusCode())
			.isEqualTo(200);
		assertThat(json(client.introspect(witness, access)).path("active").asBoolean()).isFalse();
		assertError(
				client
					.post("/auth/token",
							Map.of("grant_type", "refresh_token", "refresh_token",
									tokens.path("refresh_token").asString(), "client_id", CLIENT_ID)),
				400, "invalid_grant");
	}

	@Test
	void userinfoNeedsTheProfileScope() {
		String withProfile = client.tokens("profile create").path("access_token").asString();
		HttpResponse<String> info = client.get("/auth/userinfo", withProfile);
		assertThat(info.statusCode()).isEqualTo(200);
		JsonNode body = json(info);
		assertThat(body.path("name").asString()).isEqualTo("Ada Lovelace");
		assertThat(body.path("url").asString()).isEqualTo("https://owner.example/");
		assertThat(body.path("photo").asString()).isEqualTo("https://owner.example/ada.jpg");
		assertThat(body.has("email")).as("email only with the email scope").isFalse();
		String withEmail = client.tokens("profile email create").path("access_token").asString();
		assertThat(json(client.get("/auth/userinfo", withEmail)).path("email").asString())
			.isEqualTo("ada@owner.example");
		assertError(client.get("/auth/userinfo", witness), 403, "insufficient_scope");
		assertError(client.get("/auth/userinfo", null), 401, "invalid_token");
	}

	@Test
	void legacyClientsVerifyAndRevokeAtTheTokenEndpoint() {
		String access = client.tokens("create media").path("access_token").asString();
		HttpResponse<String> verified = client.get("/auth/token", access);
		assertThat(verified.statusCode()).isEqualTo(200);
		JsonNode body = json(verified);
		assertThat(body.path("me").asString()).isEqualTo("https://owner.example/");
		assertThat(body.path("client_id").asString()).isEqualTo(CLIENT_ID);
		assertThat(body.path("scope").asString()).isEqualTo("create media");
		HttpResponse<String> unknown = client.get("/auth/token", "nope");
		assertError(unknown, 401, "invalid_token");
		assertThat(unknown.headers().firstValue("WWW-Authenticate")).isPresent();
		assertThat(client.post("/auth/token", Map.of("action", "revoke", "token", access)).statusCode()).isEqualTo(200);
		assertThat(client.get("/auth/token", access).statusCode()).isEqualTo(401);
	}

	@Test
	void theTokenEndpointIsRateLimitedPerAddress() {
		for (int i = 0; i < TokenRateLimit.CAPACITY; i++) {
			assertError(client.post("/auth/token", Map.of("grant_type", "nonsense")), 400, "unsupported_grant_type");
		}
		HttpResponse<String> refused = client.post("/auth/token", Map.of("grant_type", "nonsense"));
		assertError(refused, 429, "temporarily_unavailable");
		assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
		// the bucket refills at three requests a second
		clock.move(Duration.ofMillis(340));
		assertError(client.post("/auth/token", Map.of("grant_type", "nonsense")), 400, "unsupported_grant_type");
		assertError(client.post("/auth/token", Map.of("grant_type", "nonsense")), 429, "temporarily_unavailable");
	}

	/** The movable clock in place of the system one. */
	@Configuration(proxyBeanMethods = false)
	static class TestClock {

		@Bean
		@Primary
		Clock movableClock() {
			return clock;
		}

	}

}
