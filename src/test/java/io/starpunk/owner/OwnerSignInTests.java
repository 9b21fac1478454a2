package io.starpunk.owner;

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

import io.starpunk.config.Sha256;
import io.starpunk.support.OwnerClient;
import io.starpunk.support.RunningServer;
import io.starpunk.support.Sqlite;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signing in and out with the password, over real HTTP against the running application
 * and its real SQLite file.
 */
class OwnerSignInTests {

	@TempDir
	static Path dataPath;

	static RunningServer server;

	@BeforeAll
	static void start() {
		server = RunningServer.start(dataPath, List.of(), "ADMIN_PASSWORD=" + OwnerClient.PASSWORD,
				"SITE_URL=http://127.0.0.1/", "ADMIN_ME=https://owner.example/");
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@Test
	void adminPagesSendStrangersToSignIn() {
		HttpResponse<String> response = OwnerClient.anonymous(server).get("/admin");
		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(response.headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).endsWith("/auth/login"));
		assertThat(OwnerClient.anonymous(server).get("/admin/new").statusCode()).isEqualTo(302);
	}

	@Test
	void onlyAPageAskedForWithGetIsResumedAfterSignIn() {
		OwnerClient stranger = OwnerClient.anonymous(server);
		HttpResponse<String> posted = stranger.post("/admin/new", Map.of("content", "x", "action", "save"));
		assertThat(posted.statusCode()).isEqualTo(302);
		assertThat(posted.headers().allValues("Set-Cookie")).noneMatch((cookie) -> cookie.startsWith("REDIRECT_URI="));
		HttpResponse<String> asked = stranger.get("/admin?status=draft");
		assertThat(asked.headers().allValues("Set-Cookie")).anyMatch((cookie) -> cookie.startsWith("REDIRECT_URI="));
		HttpResponse<String> signedIn = stranger.signInWith(OwnerClient.PASSWORD);
		assertThat(signedIn.headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).endsWith("/admin?status=draft"));
	}

	@Test
	void theSignInPageHasALabelledPasswordFieldAndACsrfField() {
		HttpResponse<String> response = OwnerClient.anonymous(server).get("/auth/login");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
		Document page = Jsoup.parse(response.body());
		assertThat(page.select("#login-form[method=post][action=/auth/login]")).hasSize(1);
		assertThat(page.select("label[for=password]").text()).isEqualTo("Password");
		assertThat(page.select("input#password[type=password][name=password]")).hasSize(1);
		assertThat(page.select("#login-form input[name=_csrf]").attr("value")).isNotBlank();
		assertThat(page.select("#indieauth-form")).as("IndieAuth sign-in is off unless asked for").isEmpty();
		// the owner's pages carry the discovery links too, like every page
		assertThat(page.select("link[rel=indieauth-metadata]").attr("href"))
			.isEqualTo("http://127.0.0.1/.well-known/oauth-authorization-server");
		assertThat(page.select("link[rel=authorization_endpoint]").attr("href"))
			.isEqualTo("http://127.0.0.1/auth/authorize");
		assertThat(response.headers().firstValue("Link")).hasValueSatisfying(
				(link) -> assertThat(link).contains("<http://127.0.0.1/auth/token>; rel=\"token_endpoint\"")
					.contains("rel=\"indieauth-metadata\""));
	}

	@Test
	void aWrongPasswordIsRefusedAndStartsNoSession() throws Exception {
		OwnerClient client = OwnerClient.anonymous(server);
		HttpResponse<String> response = client.signInWith("not the password");
		assertThat(response.statusCode()).isEqualTo(401);
		Document page = Jsoup.parse(response.body());
		assertThat(page.select(".form-error[role=alert]").text()).isEqualTo("That password is not right.");
		assertThat(page.select("input#password").attr("aria-describedby")).isEqualTo("password-error");
		assertThat(client.sessionCookie()).isEmpty();
		assertThat(client.get("/admin").statusCode()).isEqualTo(302);
		assertThat(client.signInWith("").statusCode()).isEqualTo(401);
	}

	@Test
	void signingInSetsASafeCookieWhoseHashAloneIsStored() throws Exception {
		OwnerClient client = OwnerClient.anonymous(server);
		HttpResponse<String> response = client.signInWith(OwnerClient.PASSWORD);
		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(response.headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).endsWith("/admin"));
		String setCookie = response.headers()
			.allValues("Set-Cookie")
			.stream()
			.filter((value) -> value.startsWith("starpunk_session="))
			.findFirst()
			.orElseThrow();
		assertThat(setCookie).contains("HttpOnly", "SameSite=Lax", "Path=/", "Max-Age=2592000")
			.doesNotContain("Secure");
		String token = client.sessionCookie().orElseThrow();
		assertThat(token).hasSize(43).matches("[A-Za-z0-9_-]+");
		List<Map<String, String>> rows = Sqlite.rows(dataPath.resolve("starpunk.db"),
				"SELECT session_token_hash, me, expires_at FROM sessions");
		assertThat(rows).extracting((row) -> row.get("session_token_hash")).contains(Sha256.hex(token));
		assertThat(rows).extracting((row) -> row.get("session_token_hash")).doesNotContain(token);
		assertThat(rows).filteredOn((row) -> row.get("session_token_hash").equals(Sha256.hex(token)))
			.extracting((row) -> row.get("me"))
			.containsExactly("https://owner.example/");
		Document page = Jsoup.parse(client.get("/auth/login").body());
		assertThat(page.text()).contains("You are signed in as https://owner.example/");
		assertThat(page.select("nav.owner-nav form[action=/auth/logout] button").text()).isEqualTo("Sign out");
		assertThat(response.headers().allValues("Set-Cookie")).noneMatch((value) -> value.startsWith("JSESSIONID"));
	}

	@Test
	void signingInAgainReplacesTheSession() throws Exception {
		OwnerClient client = OwnerClient.signIn(server, OwnerClient.PASSWORD);
		String first = client.sessionCookie().orElseThrow();
		assertThat(client.signInWith(OwnerClient.PASSWORD).statusCode()).isEqualTo(302);
		String second = client.sessionCookie().orElseThrow();
		assertThat(second).isNotEqualTo(first);
		assertThat(hashes()).contains(Sha256.hex(second)).doesNotContain(Sha256.hex(first));
		OwnerClient planted = OwnerClient.anonymous(server);
		planted.setCookie("starpunk_session", first);
		assertThat(planted.get("/admin").statusCode()).as("the replaced session is worth nothing").isEqualTo(302);
	}

	@Test
	void signingOutEndsTheSession() throws Exception {
		OwnerClient client = OwnerClient.signIn(server, OwnerClient.PASSWORD);
		String token = client.sessionCookie().orElseThrow();
		HttpResponse<String> response = client.post("/auth/logout", Map.of());
		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(response.headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).endsWith("/auth/login?signed-out"));
		assertThat(client.sessionCookie()).isEmpty();
		assertThat(hashes()).doesNotContain(Sha256.hex(token));
		assertThat(Jsoup.parse(client.get("/auth/login?signed-out").body()).select("[role=status]").text())
			.isEqualTo("You are signed out.");
		OwnerClient replay = OwnerClient.anonymous(server);
		replay.setCookie("starpunk_session", token);
		assertThat(replay.get("/admin").statusCode()).isEqualTo(302);
	}

	@Test
	void formsWithoutTheCsrfFieldAreRefused() throws Exception {
		OwnerClient stranger = OwnerClient.anonymous(server);
		stranger.get("/auth/login");
		HttpResponse<String> signIn = stranger.postWithoutCsrf("/auth/login", Map.of("password", OwnerClient.PASSWORD));
		assertThat(signIn.statusCode()).isEqualTo(403);
		assertThat(stranger.sessionCookie()).isEmpty();
		OwnerClient owner = OwnerClient.signIn(server, OwnerClient.PASSWORD);
		String token = owner.sessionCookie().orElseThrow();
		HttpResponse<String> signOut = owner.postWithoutCsrf("/auth/logout", Map.of());
		assertThat(signOut.statusCode()).isEqualTo(403);
		HttpResponse<String> forged = owner.postWithoutCsrf("/auth/logout", Map.of("_csrf", "forged-token"));
		assertThat(forged.statusCode()).isEqualTo(403);
		assertThat(hashes()).as("a refused sign-out leaves the session").contains(Sha256.hex(token));
	}

	@Test
	void everyResponseCarriesTheSecurityHeaders() {
		for (String path : List.of("/", "/auth/login", "/feed.xml", "/health", "/no/such/page")) {
			HttpResponse<String> response = OwnerClient.anonymous(server).get(path);
			String policy = response.headers().firstValue("Content-Security-Policy").orElse("");
			assertThat(policy).as(path).contains("frame-ancestors 'none'", "script-src 'self'", "object-src 'none'");
			assertThat(policy).as(path).doesNotContain("unsafe-inline", "unsafe-eval");
			assertThat(response.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
			assertThat(response.headers().firstValue("Referrer-Policy")).as(path).hasValue("same-origin");
			assertThat(response.headers().firstValue("X-Frame-Options")).as(path).hasValue("DENY");
			assertThat(response.headers().firstValue("Strict-Transport-Security")).as(path + " is http").isEmpty();
		}
		assertThat(OwnerClient.anonymous(server).get("/").body()).as("public pages carry no inline script")
			.doesNotContain("<script>")
			.doesNotContain("onclick=");
	}

	@Test
	void publicPagesStayCacheable() {
		HttpResponse<String> home = OwnerClient.anonymous(server).get("/");
		assertThat(home.headers().firstValue("ETag")).isPresent();
		assertThat(home.headers().firstValue("Cache-Control").orElse("")).doesNotContain("no-store");
		assertThat(home.headers().allValues("Set-Cookie")).isEmpty();
	}

	private static List<String> hashes() throws Exception {
		return Sqlite.rows(dataPath.resolve("starpunk.db"), "SELECT session_token_hash FROM sessions")
			.stream()
			.map((row) -> row.get("session_token_hash"))
			.toList();
	}

}
