package io.starpunk.owner;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.starpunk.http.ClientAddress;
import io.starpunk.support.OwnerClient;
import io.starpunk.support.RunningServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sign-in throttling over real HTTP: whose {@code X-Forwarded-For} counts, and a flood of
 * guesses from many addresses that locks strangers out of the account but not the owner's
 * browser. Counted, not timed: every wait involved is a minute or more.
 */
class SignInFloodTests {

	@Test
	void withoutTrustedProxiesTheForwardedAddressIsIgnored(@TempDir Path dataPath) {
		// on a cloud platform Boot would let Tomcat read the header itself; it must not
		try (RunningServer server = RunningServer.start(dataPath, List.of(), "ADMIN_PASSWORD=" + OwnerClient.PASSWORD,
				"spring.main.cloud-platform=kubernetes")) {
			for (int attempt = 1; attempt < LoginThrottle.FREE_FAILURES; attempt++) {
				assertThat(from(server, "203.0.113." + attempt).signInWith("guess").statusCode())
					.as("attempt " + attempt)
					.isEqualTo(401);
			}
			HttpResponse<String> locked = from(server, "203.0.113.99").signInWith("guess");
			assertThat(locked.statusCode()).as("all five came from 127.0.0.1, whatever they claimed").isEqualTo(429);
			assertThat(OwnerClient.anonymous(server).signInWith(OwnerClient.PASSWORD).statusCode()).isEqualTo(429);
		}
	}

	@Test
	void behindATrustedProxyEachForwardedAddressCountsAndAFloodSparesTheOwnersBrowser(@TempDir Path dataPath) {
		try (RunningServer server = RunningServer.start(dataPath, List.of(), "ADMIN_PASSWORD=" + OwnerClient.PASSWORD,
				"TRUSTED_PROXIES=127.0.0.1")) {
			// the owner signed in with this browser before: it holds a device cookie
			OwnerClient owner = from(server, "198.51.100.10");
			assertThat(owner.signInWith(OwnerClient.PASSWORD).statusCode()).isEqualTo(302);
			assertThat(owner.cookie(KnownDevices.COOKIE)).isPresent();

			// X-Forwarded-For is honoured: one address locked, another not
			OwnerClient guesser = from(server, "192.0.2.1");
			for (int attempt = 1; attempt < LoginThrottle.FREE_FAILURES; attempt++) {
				assertThat(guesser.signInWith("guess").statusCode()).isEqualTo(401);
			}
			assertThat(guesser.signInWith("guess").statusCode()).isEqualTo(429);
			assertThat(from(server, "192.0.2.2").signInWith("guess").statusCode()).isEqualTo(401);

			// the token endpoint counts by the same rule: one forwarded address runs out,
			// the next one has its own bucket
			int passed = 0;
			while (from(server, "192.0.2.50").postWithoutCsrf("/auth/token", Map.of()).statusCode() == 400
					&& passed < 1000) {
				passed++;
			}
			assertThat(passed).isBetween(30, 999);
			assertThat(from(server, "192.0.2.51").postWithoutCsrf("/auth/token", Map.of()).statusCode()).isEqualTo(400);

			// a flood from many forwarded addresses, each under its own limit: with the
			// six failures above, twenty against the account
			for (int i = LoginThrottle.FREE_FAILURES + 1; i < LoginThrottle.ACCOUNT_FREE_FAILURES; i++) {
				assertThat(from(server, "203.0.113." + i).signInWith("guess " + i).statusCode()).as("guess " + i)
					.isEqualTo(401);
			}
			HttpResponse<String> stranger = from(server, "198.51.100.77").signInWith(OwnerClient.PASSWORD);
			assertThat(stranger.statusCode()).as("an unknown browser, even with the right password").isEqualTo(429);
			assertThat(stranger.headers().firstValue("Retry-After"))
				.hasValueSatisfying((seconds) -> assertThat(Long.parseLong(seconds)).isBetween(1L, 60L));
			assertThat(Jsoup.parse(stranger.body()).select(".form-error").text())
				.startsWith("Too many failed sign-ins to this site from many places.");

			HttpResponse<String> again = owner.signInWith(OwnerClient.PASSWORD);
			assertThat(again.statusCode()).as("the owner's browser still signs in").isEqualTo(302);
			OwnerClient ownerElsewhere = from(server, "198.51.100.200");
			ownerElsewhere.setCookie(KnownDevices.COOKIE, owner.cookie(KnownDevices.COOKIE).orElseThrow());
			assertThat(ownerElsewhere.signInWith(OwnerClient.PASSWORD).statusCode()).as("from another address too")
				.isEqualTo(302);
			OwnerClient forger = from(server, "198.51.100.201");
			forger.setCookie(KnownDevices.COOKIE, "1.1767225600.forged.signature");
			assertThat(forger.signInWith(OwnerClient.PASSWORD).statusCode()).isEqualTo(429);
		}
	}

	private static OwnerClient from(RunningServer server, String address) {
		return OwnerClient.anonymous(server).withHeader(ClientAddress.FORWARDED_FOR, address);
	}

}
