package io.starpunk.database;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.starpunk.config.SqlTime;
import io.starpunk.support.MicropubClient;
import io.starpunk.support.OwnerClient;
import io.starpunk.support.RecordedWrites;
import io.starpunk.support.RunningServer;
import io.starpunk.support.Sqlite;
import io.starpunk.support.StandInClient;
import io.starpunk.support.StandInIndieAuthServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every write of the server runs in a transaction, so through the one write queue
 * ({@link SerialWrites}): the owner signs in with IndieAuth and with the password, reads
 * pages (one extends the session), approves a client, whose code is redeemed, its tokens
 * introspected, refreshed, used for Micropub (create, update, delete) and revoked, a
 * refresh token replayed, every token revoked from the admin pages, and the owner signs
 * out; meanwhile every data change the application's DataSource executed is recorded with
 * whether its connection was in autocommit mode. Start-up work after the upgrade (session
 * and token clean-up, tag and search index checks) is recorded too; the upgrade itself
 * runs on its own connection, in one transaction of its own.
 */
class WriteQueueTests {

	private static final String SITE = "http://starpunk.test/";

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final HttpClient http = HttpClient.newBuilder()
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	@TempDir
	Path dataPath;

	@Test
	void noWriteOfABroadFlowRunsOutsideATransaction() throws Exception {
		try (StandInIndieAuthServer provider = StandInIndieAuthServer
			.start(StandInIndieAuthServer.Discovery.METADATA_IN_HTML);
				StandInClient app = StandInClient.start(StandInClient.Kind.HTML);
				RunningServer server = RunningServer.start(this.dataPath, List.of(RecordedWrites.Wiring.class),
						"ADMIN_PASSWORD=" + OwnerClient.PASSWORD, "INDIEAUTH_LOGIN=true", "ADMIN_ME=" + provider.me(),
						"SITE_URL=" + SITE)) {
			Path db = this.dataPath.resolve("starpunk.db");

			// the owner signs in with their domain: auth state written and taken
			OwnerClient viaDomain = OwnerClient.anonymous(server);
			URI authorization = URI.create(
					viaDomain.post("/auth/login/indieauth", Map.of()).headers().firstValue("Location").orElseThrow());
			String callback = send(HttpRequest.newBuilder(authorization).GET()).headers()
				.firstValue("Location")
				.orElseThrow();
			assertThat(viaDomain.get(callback.substring(SITE.length() - 1)).statusCode()).isEqualTo(302);
			assertThat(viaDomain.sessionCookie()).isPresent();

			// and with the password; a page view a day before expiry extends the session
			OwnerClient owner = OwnerClient.signIn(server, OwnerClient.PASSWORD);
			Sqlite.execute(db,
					"UPDATE sessions SET expires_at = '" + SqlTime.text(Instant.now().plus(Duration.ofDays(1))) + "'");
			assertThat(owner.get("/admin").statusCode()).isEqualTo(200);
			assertThat(Sqlite.rows(db, "SELECT expires_at FROM sessions"))
				.anySatisfy((row) -> assertThat(SqlTime.instant(row.get("expires_at")))
					.isAfter(Instant.now().plus(Duration.ofDays(29))));
			assertThat(server.get("/").statusCode()).isEqualTo(200);

			// a client is approved, its code redeemed, its token introspected and
			// refreshed
			String verifier = verifier();
			String code = approve(owner, app, verifier, "create update delete");
			JsonNode first = json(post(server, "/auth/token", Map.of("grant_type", "authorization_code", "code", code,
					"client_id", app.clientId(), "redirect_uri", app.callback(), "code_verifier", verifier), null));
			String access = first.path("access_token").asString();
			JsonNode introspection = json(post(server, "/auth/introspect", Map.of("token", access), access));
			assertThat(introspection.path("active").asBoolean()).isTrue();
			JsonNode second = json(post(server, "/auth/token", Map.of("grant_type", "refresh_token", "refresh_token",
					first.path("refresh_token").asString(), "client_id", app.clientId()), null));
			String renewed = second.path("access_token").asString();

			// Micropub with the renewed token: last_used_at, a note created, updated,
			// deleted
			MicropubClient micropub = new MicropubClient(server);
			HttpResponse<String> created = micropub.form(renewed, "h", "entry", "content", "Queued, not stalled",
					"category", "writes");
			assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
			String url = created.headers().firstValue("Location").orElseThrow();
			assertThat(
					micropub
						.json(renewed,
								"{\"action\": \"update\", \"url\": \"" + url
										+ "\", \"replace\": {\"content\": [\"Changed\"]}}")
						.statusCode())
				.isBetween(200, 204);
			assertThat(micropub.form(renewed, "action", "delete", "url", url).statusCode()).isBetween(200, 204);

			// revocation by the client, a replayed refresh token, a profile-only code
			assertThat(post(server, "/auth/revoke", Map.of("token", renewed), null).statusCode()).isEqualTo(200);
			assertThat(
					post(server, "/auth/token",
							Map.of("grant_type", "refresh_token", "refresh_token",
									first.path("refresh_token").asString(), "client_id", app.clientId()),
							null)
						.statusCode())
				.isEqualTo(400);
			String profileVerifier = verifier();
			String profileCode = approve(owner, app, profileVerifier, "profile");
			assertThat(post(server, "/auth/authorize", Map.of("code", profileCode, "client_id", app.clientId(),
					"redirect_uri", app.callback(), "code_verifier", profileVerifier), null)
				.statusCode()).isEqualTo(200);

			// the owner revokes one token, then all, and signs out
			String another = verifier();
			JsonNode third = json(post(server, "/auth/token",
					Map.of("grant_type", "authorization_code", "code", approve(owner, app, another, "create"),
							"client_id", app.clientId(), "redirect_uri", app.callback(), "code_verifier", another),
					null));
			assertThat(third.path("access_token").asString()).isNotEmpty();
			String id = Sqlite.rows(db, "SELECT max(id) AS id FROM tokens").get(0).get("id");
			assertThat(owner.post("/admin/tokens/" + id + "/revoke", Map.of()).statusCode()).isBetween(300, 303);
			assertThat(owner.post("/admin/tokens/revoke-all", Map.of()).statusCode()).isBetween(300, 303);
			assertThat(owner.post("/auth/logout", Map.of()).statusCode()).isEqualTo(302);
			assertThat(Sqlite.rows(db, "SELECT id FROM sessions")).as("the other sign-in's session").hasSize(1);

			RecordedWrites writes = server.context().getBean(RecordedWrites.class);
			List<String> statements = writes.all()
				.stream()
				.map((write) -> write.sql().replaceAll("\\s+", " "))
				.toList();
			for (String expected : List.of("INSERT INTO auth_state", "DELETE FROM auth_state", "INSERT INTO sessions",
					"UPDATE sessions SET expires_at", "DELETE FROM sessions WHERE session_token_hash",
					"INSERT INTO authorization_codes", "UPDATE authorization_codes SET used_at", "INSERT INTO tokens",
					"INSERT INTO refresh_tokens", "UPDATE tokens SET last_used_at", "UPDATE refresh_tokens SET used_at",
					"UPDATE tokens SET revoked_at", "UPDATE refresh_tokens SET revoked_at", "INSERT INTO notes",
					"UPDATE notes SET")) {
				assertThat(statements).as("recorded: " + expected).anyMatch((sql) -> sql.startsWith(expected));
			}
			assertThat(writes.outsideTransactions()).isEmpty();
		}
	}

	/** The owner approves a PKCE authorization request on the consent page. */
	private static String approve(OwnerClient owner, StandInClient app, String verifier, String scope) {
		Map<String, String> request = new LinkedHashMap<>();
		request.put("response_type", "code");
		request.put("client_id", app.clientId());
		request.put("redirect_uri", app.callback());
		request.put("state", "state-" + verifier.substring(0, 8));
		request.put("code_challenge", challenge(verifier));
		request.put("code_challenge_method", "S256");
		request.put("scope", scope);
		HttpResponse<String> page = owner.get("/auth/authorize?" + form(request));
		assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
		Element consent = Jsoup.parse(page.body()).selectFirst("form#consent-form");
		assertThat(consent).isNotNull();
		List<Map.Entry<String, String>> fields = new ArrayList<>();
		for (Element input : consent.select("input[type=hidden]")) {
			if (!input.attr("name").equals("_csrf")) {
				fields.add(Map.entry(input.attr("name"), input.attr("value")));
			}
		}
		for (String granted : scope.split(" ")) {
			fields.add(Map.entry("scope", granted));
		}
		fields.add(Map.entry("expiry", "1d"));
		fields.add(Map.entry("decision", "approve"));
		HttpResponse<String> approved = owner.post("/auth/authorize/decision", fields);
		assertThat(approved.statusCode()).isEqualTo(303);
		String location = approved.headers().firstValue("Location").orElseThrow();
		String query = URI.create(location).getRawQuery();
		for (String pair : query.split("&")) {
			if (pair.startsWith("code=")) {
				return java.net.URLDecoder.decode(pair.substring(5), StandardCharsets.UTF_8);
			}
		}
		throw new AssertionError("no code in " + location);
	}

	private static HttpResponse<String> post(RunningServer server, String path, Map<String, String> fields,
			String bearer) {
		HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form(fields)));
		if (bearer != null) {
			request.header("Authorization", "Bearer " + bearer);
		}
		return send(request);
	}

	private static HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return http.send(request.timeout(Duration.ofSeconds(15)).build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static JsonNode json(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return json.readTree(response.body());
	}

	private static String form(Map<String, String> fields) {
		return fields.entrySet()
			.stream()
			.map((field) -> encode(field.getKey()) + "=" + encode(field.getValue()))
			.collect(Collectors.joining("&"));
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private static String verifier() {
		byte[] bytes = new byte[32];
		new SecureRandom().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private static String challenge(String verifier) throws IllegalStateException {
		try {
			return Base64.getUrlEncoder()
				.withoutPadding()
				.encodeToString(
						MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
