package io.starpunk.owner;

import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.starpunk.config.Sha256;
import io.starpunk.config.SqlTime;
import io.starpunk.support.LegacyFixtures;
import io.starpunk.support.OwnerClient;
import io.starpunk.support.RunningServer;
import io.starpunk.support.Sqlite;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sessions in the {@code sessions} table: StarPunk's own keep working, expired ones go, a
 * session in use lasts, and https sites get secure cookies and HSTS.
 */
class OwnerSessionsTests {

	@Test
	void aStarPunkSessionKeepsWorkingAfterTheUpgrade(@TempDir Path temp) throws Exception {
		for (String fixture : List.of("v0.9.5", "v0.1")) {
			Path dataPath = LegacyFixtures.copy(fixture, temp.resolve(fixture));
			// the fixtures' sessions end on a fixed date; keep them alive relative to
			// today
			setExpiry(dataPath, Instant.now().plus(Duration.ofDays(10)));
			try (RunningServer server = RunningServer.start(dataPath, List.of(),
					"ADMIN_PASSWORD=" + OwnerClient.PASSWORD, "ADMIN_ME=" + LegacyFixtures.ME)) {
				String cookie = fixture.equals("v0.1") ? "legacy-v01-session-cookie" : "legacy-session-cookie";
				OwnerClient browser = OwnerClient.anonymous(server);
				browser.setCookie("starpunk_session", cookie);
				assertThat(signedIn(browser)).as(fixture).isTrue();
				OwnerClient stranger = OwnerClient.anonymous(server);
				stranger.setCookie("starpunk_session", cookie + "-not");
				assertThat(signedIn(stranger)).as(fixture).isFalse();
			}
		}
	}

	@Test
	void aSessionIssuedToSomeoneElseIsNotTheOwners(@TempDir Path temp) throws Exception {
		Path dataPath = LegacyFixtures.copy("v0.9.5", temp.resolve("v0.9.5"));
		setExpiry(dataPath, Instant.now().plus(Duration.ofDays(10)));
		try (RunningServer server = RunningServer.start(dataPath, List.of(), "ADMIN_PASSWORD=" + OwnerClient.PASSWORD,
				"ADMIN_ME=https://someone-else.example/")) {
			OwnerClient browser = OwnerClient.anonymous(server);
			browser.setCookie("starpunk_session", "legacy-session-cookie");
			assertThat(signedIn(browser)).isFalse();
		}
	}

	@Test
	void expiredSessionsAreRefusedAndRemoved(@TempDir Path temp) throws Exception {
		Path dataPath = LegacyFixtures.copy("v0.9.5", temp.resolve("v0.9.5"));
		setExpiry(dataPath, Instant.now().minus(Duration.ofMinutes(1)));
		try (RunningServer server = RunningServer.start(dataPath, List.of(), "ADMIN_PASSWORD=" + OwnerClient.PASSWORD,
				"ADMIN_ME=" + LegacyFixtures.ME)) {
			assertThat(Sqlite.rows(dataPath.resolve("starpunk.db"), "SELECT id FROM sessions"))
				.as("expired sessions are removed at start")
				.isEmpty();
			OwnerClient browser = OwnerClient.anonymous(server);
			browser.setCookie("starpunk_session", "legacy-session-cookie");
			assertThat(signedIn(browser)).isFalse();
		}
	}

	@Test
	void aSessionInUseIsExtendedAndItsCookieRenewed(@TempDir Path dataPath) throws Exception {
		try (RunningServer server = RunningServer.start(dataPath, List.of(),
				"ADMIN_PASSWORD=" + OwnerClient.PASSWORD)) {
			OwnerClient owner = OwnerClient.signIn(server, OwnerClient.PASSWORD);
			String token = owner.sessionCookie().orElseThrow();
			Instant soon = Instant.now().plus(Duration.ofDays(2));
			setExpiry(dataPath, soon);
			HttpResponse<String> page = owner.get("/auth/login");
			assertThat(page.headers().allValues("Set-Cookie"))
				.anySatisfy((cookie) -> assertThat(cookie).startsWith("starpunk_session=" + token + ";")
					.contains("Max-Age=2592000"));
			Instant extended = SqlTime.instant(
					Sqlite
						.rows(dataPath.resolve("starpunk.db"),
								"SELECT expires_at FROM sessions WHERE session_token_hash = '" + Sha256.hex(token)
										+ "'")
						.get(0)
						.get("expires_at"));
			assertThat(extended).isAfter(Instant.now().plus(Duration.ofDays(29)));
			HttpResponse<String> again = owner.get("/auth/login");
			assertThat(again.headers().allValues("Set-Cookie")).as("no write and no cookie for every page")
				.noneMatch((cookie) -> cookie.startsWith("starpunk_session="));
		}
	}

	@Test
	void anHttpsSiteGetsSecureCookiesAndHsts(@TempDir Path dataPath) throws Exception {
		try (RunningServer server = RunningServer.start(dataPath, List.of(), "ADMIN_PASSWORD=" + OwnerClient.PASSWORD,
				"SITE_URL=https://blog.example/")) {
			HttpResponse<String> home = OwnerClient.anonymous(server).get("/");
			assertThat(home.headers().firstValue("Strict-Transport-Security"))
				.hasValueSatisfying((value) -> assertThat(value).contains("max-age=31536000"));
			// this test speaks plain HTTP to the server behind the (imagined) TLS proxy,
			// so it
			// hands back the Secure CSRF cookie itself, as a browser on https would
			HttpResponse<String> login = OwnerClient.anonymous(server).get("/auth/login");
			String csrfCookie = login.headers()
				.allValues("Set-Cookie")
				.stream()
				.filter((cookie) -> cookie.startsWith("starpunk_csrf="))
				.findFirst()
				.orElseThrow();
			assertThat(csrfCookie).contains("Secure", "HttpOnly");
			String field = Jsoup.parse(login.body()).select("input[name=_csrf]").attr("value");
			HttpRequest signIn = HttpRequest.newBuilder(server.uri("/auth/login"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.header("Cookie", csrfCookie.substring(0, csrfCookie.indexOf(';')))
				.POST(HttpRequest.BodyPublishers.ofString("_csrf=" + URLEncoder.encode(field, StandardCharsets.UTF_8)
						+ "&password=" + URLEncoder.encode(OwnerClient.PASSWORD, StandardCharsets.UTF_8)))
				.build();
			HttpResponse<String> response = HttpClient.newHttpClient()
				.send(signIn, HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).isEqualTo(302);
			assertThat(response.headers().allValues("Set-Cookie"))
				.filteredOn((cookie) -> cookie.startsWith("starpunk_session="))
				.singleElement()
				.satisfies((cookie) -> assertThat(cookie).contains("Secure", "HttpOnly", "SameSite=Lax"));
		}
	}

	@Test
	void tooManyWrongPasswordsMakeTheAddressWait(@TempDir Path dataPath) {
		try (RunningServer server = RunningServer.start(dataPath, List.of(),
				"ADMIN_PASSWORD=" + OwnerClient.PASSWORD)) {
			OwnerClient guesser = OwnerClient.anonymous(server);
			for (int attempt = 1; attempt < LoginThrottle.FREE_FAILURES; attempt++) {
				assertThat(guesser.signInWith("guess " + attempt).statusCode()).as("attempt " + attempt).isEqualTo(401);
			}
			HttpResponse<String> locked = guesser.signInWith("guess 5");
			assertThat(locked.statusCode()).isEqualTo(429);
			assertThat(locked.headers().firstValue("Retry-After"))
				.hasValueSatisfying((seconds) -> assertThat(Long.parseLong(seconds)).isBetween(1L, 60L));
			assertThat(locked.body()).contains("Too many failed sign-ins from your address. Try again in 1 minute.");
			HttpResponse<String> right = guesser.signInWith(OwnerClient.PASSWORD);
			assertThat(right.statusCode()).as("while waiting, even the right password is not checked").isEqualTo(429);
			assertThat(guesser.sessionCookie()).isEmpty();
			assertThat(guesser.postWithoutCsrf("/auth/login", Map.of("password", "x")).statusCode())
				.as("CSRF is checked before anything else")
				.isEqualTo(403);
		}
	}

	private static boolean signedIn(OwnerClient client) {
		return client.get("/auth/login").body().contains("You are signed in as");
	}

	private static void setExpiry(Path dataPath, Instant expiresAt) throws Exception {
		try (Connection connection = Sqlite.open(dataPath.resolve("starpunk.db"));
				PreparedStatement update = connection.prepareStatement("UPDATE sessions SET expires_at = ?")) {
			update.setString(1, SqlTime.text(expiresAt));
			update.executeUpdate();
		}
	}

}
