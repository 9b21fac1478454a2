package io.starpunk.owner;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

import io.starpunk.config.Secrets;
import io.starpunk.config.Sha256;
import io.starpunk.config.StarpunkSettings;
import io.starpunk.http.FetchFailed;
import io.starpunk.http.OutboundFetch;
import io.starpunk.http.OutboundRequest;
import io.starpunk.http.OutboundResponse;

/**
 * Signing in with the owner's domain ({@code INDIEAUTH_LOGIN=true}): this site is the
 * IndieAuth client, {@code ADMIN_ME}'s server the authorization server. PKCE S256, a
 * single-use state kept (hashed) in {@code auth_state} for ten minutes, the code redeemed
 * at the authorization endpoint, and both {@code iss} and the returned {@code me}
 * checked.
 */
@Component
class IndieAuthLogin {

	static final Duration STATE_LIFETIME = Duration.ofMinutes(10);

	static final int MAX_ANSWER_BYTES = 64 * 1024;

	private static final Log log = LogFactory.getLog(IndieAuthLogin.class);

	private final IndieAuthDiscovery discovery;

	private final AuthStateRepository states;

	private final StarpunkSettings settings;

	private final Clock clock;

	private final SecureRandom random;

	private final JsonMapper json;

	private final OutboundFetch fetch;

	IndieAuthLogin(IndieAuthDiscovery discovery, AuthStateRepository states, StarpunkSettings settings, Clock clock,
			SecureRandom random, JsonMapper json, OutboundFetch fetch) {
		this.fetch = fetch;
		this.discovery = discovery;
		this.states = states;
		this.settings = settings;
		this.clock = clock;
		this.random = random;
		this.json = json;
	}

	/**
	 * Starts a sign-in.
	 * @return where to send the owner
	 * @throws SignInFailed when the owner's IndieAuth server cannot be found
	 */
	URI start() {
		IndieAuthDiscovery.Server server;
		try {
			server = this.discovery.discover(this.settings.adminMe());
		}
		catch (IndieAuthDiscovery.DiscoveryFailed ex) {
			log.warn("IndieAuth sign-in: no server found for " + this.settings.adminMe() + ": " + ex.getMessage());
			throw new SignInFailed(
					"Could not find the IndieAuth server of " + this.settings.adminMe() + ": " + ex.getMessage() + ".");
		}
		String state = randomToken();
		String verifier = randomToken();
		Instant now = this.clock.instant();
		this.states.deleteExpired(now);
		this.states.insert(Sha256.hex(state), now, now.plus(STATE_LIFETIME), callback(), verifier);
		return UriComponentsBuilder.fromUri(server.authorizationEndpoint())
			.queryParam("response_type", "code")
			.queryParam("client_id", clientId())
			.queryParam("redirect_uri", callback())
			.queryParam("state", state)
			.queryParam("code_challenge", Sha256.base64Url(verifier))
			.queryParam("code_challenge_method", "S256")
			.queryParam("me", this.settings.adminMe().toString())
			.encode()
			.build()
			.toUri();
	}

	/**
	 * Finishes a sign-in: the owner is back with a code.
	 * @param code the authorization code
	 * @param state the state
	 * @param iss the issuer the server named, if any
	 * @return the owner's identity URL, proven
	 * @throws SignInFailed when anything does not check out
	 */
	String finish(String code, String state, String iss) {
		if (state == null || state.isBlank() || code == null || code.isBlank()) {
			throw new SignInFailed("The IndieAuth server sent you back without a code or state.");
		}
		String verifier = this.states.take(Sha256.hex(state), this.clock.instant())
			.orElseThrow(
					() -> new SignInFailed("This sign-in link has expired or was already used. Please sign in again."));
		IndieAuthDiscovery.Server server;
		try {
			server = this.discovery.discover(this.settings.adminMe());
		}
		catch (IndieAuthDiscovery.DiscoveryFailed ex) {
			throw new SignInFailed("Could not reach the IndieAuth server again: " + ex.getMessage() + ".");
		}
		if (server.issuer() != null && !server.issuer().equals(iss)) {
			log.warn("IndieAuth sign-in refused: the iss parameter does not match the issuer " + server.issuer());
			throw new SignInFailed("The answer did not come from your IndieAuth server (wrong issuer).");
		}
		String me = redeem(server.authorizationEndpoint(), code, verifier);
		if (!this.settings.isAdminMe(me)) {
			log.warn("IndieAuth sign-in refused: the server vouched for " + me + ", not " + this.settings.adminMe());
			throw new SignInFailed("That sign-in was for " + me + ", not for " + this.settings.adminMe() + ".");
		}
		return this.settings.adminMe().toString();
	}

	private String redeem(URI endpoint, String code, String verifier) {
		String form = Map
			.of("grant_type", "authorization_code", "code", code, "client_id", clientId(), "redirect_uri", callback(),
					"code_verifier", verifier)
			.entrySet()
			.stream()
			.map((field) -> field.getKey() + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		OutboundRequest request = OutboundRequest.postForm(endpoint, form)
			.header("Accept", "application/json")
			.refusedAbove(MAX_ANSWER_BYTES);
		try {
			OutboundResponse response = this.fetch.send(request);
			if (response.status() != 200) {
				log.warn("IndieAuth sign-in refused: the authorization endpoint answered " + response.status());
				throw new SignInFailed("Your IndieAuth server did not confirm the sign-in.");
			}
			JsonNode answer = this.json.readTree(response.text());
			String me = answer.path("me").asString("");
			if (me.isEmpty()) {
				throw new SignInFailed("Your IndieAuth server did not say who signed in.");
			}
			return me;
		}
		catch (FetchFailed ex) {
			log.warn("IndieAuth sign-in: the authorization endpoint could not be asked: " + ex.getMessage());
			throw new SignInFailed("Could not reach your IndieAuth server to confirm the sign-in.");
		}
		catch (tools.jackson.core.JacksonException ex) {
			throw new SignInFailed("Your IndieAuth server's answer was not JSON.");
		}
	}

	String clientId() {
		return this.settings.siteUrl().toString();
	}

	String callback() {
		return this.settings.url("auth", "callback").toString();
	}

	private String randomToken() {
		return Secrets.newToken(this.random);
	}

	/** A sign-in that did not work; the message is for the owner. */
	static class SignInFailed extends RuntimeException {

		SignInFailed(String message) {
			super(message);
		}

	}

}
