package io.starpunk.http;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one list of the endpoints apps call: which protocol each speaks, and which browsers
 * may call from any origin.
 */
class ClientEndpointsTests {

	@Test
	void eachClientEndpointHasItsProtocol() {
		assertThat(ClientEndpoints.protocol("POST", "/micropub")).contains(ClientEndpoints.Protocol.MICROPUB);
		assertThat(ClientEndpoints.protocol("POST", "/micropub/media")).contains(ClientEndpoints.Protocol.MICROPUB);
		assertThat(ClientEndpoints.protocol("POST", "/auth/token")).contains(ClientEndpoints.Protocol.OAUTH);
		assertThat(ClientEndpoints.protocol("GET", "/.well-known/oauth-authorization-server"))
			.contains(ClientEndpoints.Protocol.OAUTH);
		assertThat(ClientEndpoints.protocol("GET", "/api/search")).contains(ClientEndpoints.Protocol.SEARCH);
	}

	@Test
	void theAuthorizationEndpointIsAClientsOnlyForItsPost() {
		assertThat(ClientEndpoints.protocol("POST", "/auth/authorize")).contains(ClientEndpoints.Protocol.OAUTH);
		assertThat(ClientEndpoints.protocol("GET", "/auth/authorize")).isEmpty();
		assertThat(ClientEndpoints.protocol("POST", "/auth/authorize/decision")).isEmpty();
	}

	@Test
	void theOwnersPagesAndLookAlikesAreNotClientEndpoints() {
		for (String path : new String[] { "/", "/admin/new", "/auth/login", "/micropubx", "/auth/tokens",
				"/auth/token/extra", "/apis" }) {
			assertThat(ClientEndpoints.protocol("POST", path)).as(path).isEqualTo(Optional.empty());
		}
	}

	@Test
	void onlyTheMetadataAndTokenEndpointsMayBeCalledFromAnyOrigin() {
		assertThat(ClientEndpoints.crossOrigin()).containsExactlyInAnyOrder("/.well-known/oauth-authorization-server",
				"/auth/token", "/auth/introspect", "/auth/revoke", "/auth/userinfo");
	}

}
