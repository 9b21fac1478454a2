package io.starpunk.config;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * The one way this server makes a secret it hands out (session cookies, IndieAuth states
 * and PKCE verifiers, authorization codes, access and refresh tokens): 256 random bits,
 * unpadded base64url, 43 characters. Only {@link Sha256#hex(String)} of it is ever
 * stored.
 */
public final class Secrets {

	private Secrets() {
	}

	public static String newToken(SecureRandom random) {
		byte[] bytes = new byte[32];
		random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
