package io.starpunk.indieauth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.regex.Pattern;

import io.starpunk.config.Sha256;

/**
 * PKCE (RFC 7636), S256 only.
 */
final class Pkce {

	/** RFC 7636 section 4.1: 43 to 128 unreserved characters. */
	private static final Pattern VERIFIER = Pattern.compile("[A-Za-z0-9._~-]{43,128}");

	/** A S256 challenge: the base64url of a SHA-256, 43 characters. */
	private static final Pattern CHALLENGE = Pattern.compile("[A-Za-z0-9_-]{43}");

	private Pkce() {
	}

	static boolean isChallenge(String challenge) {
		return challenge != null && CHALLENGE.matcher(challenge).matches();
	}

	static String challenge(String verifier) {
		return Sha256.base64Url(verifier);
	}

	/**
	 * Whether the verifier is well formed and hashes to the challenge (compared in
	 * constant time).
	 * @param verifier the client's code_verifier
	 * @param challenge the code_challenge it sent with the authorization request
	 * @return whether they match
	 */
	static boolean verifies(String verifier, String challenge) {
		if (verifier == null || challenge == null || !VERIFIER.matcher(verifier).matches()) {
			return false;
		}
		return MessageDigest.isEqual(challenge(verifier).getBytes(StandardCharsets.US_ASCII),
				challenge.getBytes(StandardCharsets.US_ASCII));
	}

}
