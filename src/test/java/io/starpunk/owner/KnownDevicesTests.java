package io.starpunk.owner;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;

import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import io.starpunk.config.StarpunkSettings;
import io.starpunk.support.MovableClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The signed device cookie that tells the owner's browsers from strangers.
 */
class KnownDevicesTests {

	@TempDir
	Path dataPath;

	private final MovableClock clock = new MovableClock();

	@Test
	void aCookieThisServerIssuedIsRecognisedForAYear() {
		KnownDevices devices = devices();
		MockHttpServletResponse response = new MockHttpServletResponse();
		devices.remember(response);
		String header = response.getHeader("Set-Cookie");
		assertThat(header).startsWith(KnownDevices.COOKIE + "=").contains("HttpOnly", "SameSite=Lax", "Path=/auth/");
		String value = header.substring(header.indexOf('=') + 1, header.indexOf(';'));
		assertThat(devices.recognises(withCookie(value))).isTrue();
		assertThat(devices().recognises(withCookie(value))).as("the key is kept across restarts").isTrue();
		this.clock.move(KnownDevices.LIFETIME.minusMinutes(1));
		assertThat(devices.valid(value)).isTrue();
		this.clock.move(Duration.ofMinutes(1));
		assertThat(devices.valid(value)).as("a year later").isFalse();
	}

	@Test
	void forgedOrAlteredCookiesAreNot() throws Exception {
		KnownDevices devices = devices();
		String value = devices.issue();
		String[] parts = value.split("\\.");
		assertThat(
				devices.valid(parts[0] + "." + (Long.parseLong(parts[1]) + 86_400) + "." + parts[2] + "." + parts[3]))
			.as("a later issue time")
			.isFalse();
		assertThat(devices.valid(value.substring(0, value.length() - 1) + "x")).isFalse();
		assertThat(devices.valid("1.0.x.y")).isFalse();
		assertThat(devices.valid("")).isFalse();
		assertThat(devices.valid(null)).isFalse();
		assertThat(devices.valid(value + "." + value)).isFalse();
		assertThat(devices.recognises(new MockHttpServletRequest())).isFalse();
		Files.delete(this.dataPath.resolve(KnownDevices.KEY_FILE));
		assertThat(devices().valid(value)).as("another key, another server").isFalse();
	}

	private KnownDevices devices() {
		StarpunkSettings settings = new StarpunkSettings(URI.create("http://127.0.0.1/"), "Site", "", "", null,
				this.dataPath, 8080, "info", null, 50, 300, null, null, null, null, null, null, null, null, null, null,
				null);
		return new KnownDevices(settings, this.clock, new SecureRandom());
	}

	private static MockHttpServletRequest withCookie(String value) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/auth/login");
		request.setCookies(new Cookie("other", "x"), new Cookie(KnownDevices.COOKIE, value));
		return request;
	}

}
