package io.starpunk.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for the owner's own IndieAuth server, on a loopback port, speaking the
 * protocol over real HTTP: the identity page with its discovery links, metadata, the
 * authorization endpoint that approves at once and redirects back with a code, and the
 * code's redemption, which checks PKCE, client_id and redirect_uri.
 */
public final class StandInIndieAuthServer implements AutoCloseable {

	/** How the identity page points at the server. */
	public enum Discovery {

		/** {@code <link rel="indieauth-metadata">} in the HTML. */
		METADATA_IN_HTML,
		/** {@code Link: <...>; rel="authorization_endpoint"} header only, no metadata. */
		ENDPOINT_IN_LINK_HEADER

	}

	private final HttpServer server;

	private final Discovery discovery;

	private final Map<String, Map<String, String>> codes = new ConcurrentHashMap<>();

	private final AtomicInteger redemptions = new AtomicInteger();

	private final AtomicInteger identityPageFetches = new AtomicInteger();

	private volatile Map<String, String> lastAuthorization = Map.of();

	private volatile String vouchFor;

	private volatile String sentIssuer;

	private StandInIndieAuthServer(Discovery discovery) throws IOException {
		this.discovery = discovery;
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/me", this::identityPage);
		this.server.createContext("/.well-known/oauth-authorization-server", this::metadata);
		this.server.createContext("/auth", this::authorization);
		this.server.start();
		this.vouchFor = me().toString();
		this.sentIssuer = issuer();
	}

	public static StandInIndieAuthServer start(Discovery discovery) {
		try {
			return new StandInIndieAuthServer(discovery);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The owner's identity URL on this server. */
	public URI me() {
		return URI.create(base() + "/me");
	}

	public String issuer() {
		return base() + "/";
	}

	/** From now on, redeeming a code says it was this identity. */
	public void vouchFor(String me) {
		this.vouchFor = me;
	}

	/** From now on, redirects back carry this {@code iss} ({@code null}: none). */
	public void sendIssuer(String iss) {
		this.sentIssuer = iss;
	}

	/** The query of the last request to the authorization endpoint. */
	public Map<String, String> lastAuthorization() {
		return this.lastAuthorization;
	}

	/** How many codes were redeemed successfully. */
	public int redemptions() {
		return this.redemptions.get();
	}

	/** How many times the identity page was fetched. */
	public int identityPageFetches() {
		return this.identityPageFetches.get();
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	private String base() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	private void identityPage(HttpExchange exchange) throws IOException {
		this.identityPageFetches.incrementAndGet();
		String html;
		if (this.discovery == Discovery.ENDPOINT_IN_LINK_HEADER) {
			exchange.getResponseHeaders().add("Link", "<" + base() + "/auth>; rel=\"authorization_endpoint\"");
			html = "<!doctype html><title>Me</title><p class=h-card>Me</p>";
		}
		else {
			html = "<!doctype html><title>Me</title>"
					+ "<link rel=\"indieauth-metadata\" href=\"/.well-known/oauth-authorization-server\">"
					+ "<p class=h-card>Me</p>";
		}
		send(exchange, 200, "text/html; charset=utf-8", html);
	}

	private void metadata(HttpExchange exchange) throws IOException {
		send(exchange, 200, "application/json", "{\"issuer\":\"" + issuer() + "\",\"authorization_endpoint\":\""
				+ base() + "/auth\",\"code_challenge_methods_supported\":[\"S256\"]}");
	}

	private void authorization(HttpExchange exchange) throws IOException {
		if (exchange.getRequestMethod().equals("GET")) {
			Map<String, String> query = parse(exchange.getRequestURI().getRawQuery());
			this.lastAuthorization = query;
			String code = token();
			this.codes.put(code, query);
			String location = query.get("redirect_uri") + "?code=" + code + "&state="
					+ URLEncoder.encode(query.get("state"), StandardCharsets.UTF_8) + ((this.sentIssuer != null)
							? "&iss=" + URLEncoder.encode(this.sentIssuer, StandardCharsets.UTF_8) : "");
			exchange.getResponseHeaders().add("Location", location);
			send(exchange, 302, "text/plain", "");
			return;
		}
		Map<String, String> form = parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
		Map<String, String> issued = this.codes.remove(form.getOrDefault("code", ""));
		boolean valid = issued != null && "authorization_code".equals(form.get("grant_type"))
				&& issued.get("client_id").equals(form.get("client_id"))
				&& issued.get("redirect_uri").equals(form.get("redirect_uri"))
				&& issued.get("code_challenge").equals(challenge(form.getOrDefault("code_verifier", "")));
		if (!valid) {
			send(exchange, 400, "application/json", "{\"error\":\"invalid_grant\"}");
			return;
		}
		this.redemptions.incrementAndGet();
		send(exchange, 200, "application/json", "{\"me\":\"" + this.vouchFor + "\"}");
	}

	private static Map<String, String> parse(String encoded) {
		Map<String, String> values = new LinkedHashMap<>();
		if (encoded == null || encoded.isEmpty()) {
			return values;
		}
		for (String pair : encoded.split("&")) {
			int equals = pair.indexOf('=');
			String name = URLDecoder.decode((equals < 0) ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
			String value = (equals < 0) ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
			values.put(name, value);
		}
		return values;
	}

	private static String challenge(String verifier) {
		try {
			return Base64.getUrlEncoder()
				.withoutPadding()
				.encodeToString(
						MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String token() {
		byte[] bytes = new byte[24];
		new SecureRandom().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", type);
		exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

}
