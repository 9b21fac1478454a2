package io.starpunk.owner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;

import io.starpunk.config.Secrets;
import io.starpunk.config.StarpunkSettings;

/**
 * Browsers the owner has signed in with (OWASP's "device cookie"): after each sign-in the
 * browser gets a {@code starpunk_device} cookie, good for a year, that says when it was
 * issued and is signed with HMAC-SHA256 under a key kept in
 * {@code DATA_PATH/device-cookie.key}. Such a browser is not held by the account-wide
 * count of failed sign-ins ({@link LoginThrottle}), so a flood of guesses from strangers
 * does not lock the owner out. It proves nothing more: the password is still asked for,
 * and its address's own failures still count.
 */
@Component
class KnownDevices {

	static final String COOKIE = "starpunk_device";

	static final Duration LIFETIME = Duration.ofDays(365);

	static final String KEY_FILE = "device-cookie.key";

	private static final String VERSION = "1";

	private final byte[] key;

	private final StarpunkSettings settings;

	private final Clock clock;

	private final SecureRandom random;

	KnownDevices(StarpunkSettings settings, Clock clock, SecureRandom random) {
		this.settings = settings;
		this.clock = clock;
		this.random = random;
		this.key = loadOrCreateKey(settings.dataPath().resolve(KEY_FILE), random);
	}

	/**
	 * Whether the request comes from a browser the owner signed in with.
	 * @param request the request
	 * @return whether it carries a valid device cookie
	 */
	boolean recognises(HttpServletRequest request) {
		Cookie[] cookies = request.getCookies();
		if (cookies == null) {
			return false;
		}
		for (Cookie cookie : cookies) {
			if (COOKIE.equals(cookie.getName()) && valid(cookie.getValue())) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Gives the browser of a sign-in that just succeeded a new device cookie.
	 * @param response the response
	 */
	void remember(HttpServletResponse response) {
		response.addHeader(HttpHeaders.SET_COOKIE,
				ResponseCookie.from(COOKIE, issue())
					.httpOnly(true)
					.secure("https".equals(this.settings.siteUrl().getScheme()))
					.sameSite("Lax")
					.path("/auth/")
					.maxAge(LIFETIME)
					.build()
					.toString());
	}

	/**
	 * A new cookie value: version, issue time, a random id, and their signature.
	 * @return the value
	 */
	String issue() {
		String payload = VERSION + "." + this.clock.instant().getEpochSecond() + "." + Secrets.newToken(this.random);
		return payload + "." + sign(payload);
	}

	/**
	 * Whether a cookie value is one this server issued within {@link #LIFETIME}.
	 * @param value the value, or {@code null}
	 * @return whether it is
	 */
	boolean valid(String value) {
		if (value == null || value.length() > 200) {
			return false;
		}
		String[] parts = value.split("\\.", -1);
		if (parts.length != 4 || !VERSION.equals(parts[0]) || !parts[1].matches("\\d{1,12}")) {
			return false;
		}
		String payload = parts[0] + "." + parts[1] + "." + parts[2];
		if (!MessageDigest.isEqual(sign(payload).getBytes(StandardCharsets.US_ASCII),
				parts[3].getBytes(StandardCharsets.US_ASCII))) {
			return false;
		}
		Instant issued = Instant.ofEpochSecond(Long.parseLong(parts[1]));
		Instant now = this.clock.instant();
		return !issued.isAfter(now.plusSeconds(60)) && issued.plus(LIFETIME).isAfter(now);
	}

	private String sign(String payload) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(this.key, "HmacSHA256"));
			return Base64.getUrlEncoder()
				.withoutPadding()
				.encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

	private static byte[] loadOrCreateKey(Path file, SecureRandom random) {
		try {
			if (Files.exists(file)) {
				byte[] key = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
				if (key.length < 32) {
					throw new IllegalStateException(file + " does not hold a key of 32 bytes; delete it to make a "
							+ "new one (browsers will then be asked to sign in once more to be known again)");
				}
				return key;
			}
			byte[] key = new byte[32];
			random.nextBytes(key);
			Files.createDirectories(file.getParent());
			Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII,
					StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
			try {
				Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
			}
			catch (UnsupportedOperationException ex) {
				// not a POSIX file system; the directory's own permissions apply
			}
			return key;
		}
		catch (FileAlreadyExistsException ex) {
			// another process made it between our check and our write
			return loadOrCreateKey(file, random);
		}
		catch (IOException | IllegalArgumentException ex) {
			throw new IllegalStateException(
					"Could not read or keep the device cookie key in " + file + ": " + ex.getClass().getSimpleName(),
					ex);
		}
	}

}
