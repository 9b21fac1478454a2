package io.starpunk.indieauth;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PkceTests {

	@Test
	void theRfc7636ExampleVerifies() {
		// RFC 7636 appendix B
		String verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
		assertThat(Pkce.challenge(verifier)).isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
		assertThat(Pkce.verifies(verifier, "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM")).isTrue();
		assertThat(Pkce.isChallenge("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM")).isTrue();
	}

	@Test
	void wrongOrMalformedVerifiersDoNot() {
		String challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
		assertThat(Pkce.verifies("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXl", challenge)).isFalse();
		assertThat(Pkce.verifies("short", Pkce.challenge("short"))).as("under 43 characters").isFalse();
		assertThat(Pkce.verifies("a".repeat(129), Pkce.challenge("a".repeat(129)))).isFalse();
		assertThat(Pkce.verifies("dBjftJeZ4CVP mB92K27uhbUJU1p1r_wW1gFWFOEjXk", challenge)).isFalse();
		assertThat(Pkce.verifies(null, challenge)).isFalse();
		assertThat(Pkce.isChallenge("plain-verifier-used-as-challenge")).isFalse();
		assertThat(Pkce.isChallenge(null)).isFalse();
	}

}
