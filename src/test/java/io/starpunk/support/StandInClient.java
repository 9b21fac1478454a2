package io.starpunk.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in IndieAuth client on a loopback port: its client_id page at {@code /app/} (an
 * {@code h-app} HTML page or a JSON client metadata document, listing the redirect URLs
 * it is given, and naming a logo). It can be made to answer 404 or too slowly, and
 * {@code /hop/N} reaches the page after N redirects. The callback is never served: tests
 * read the redirect and do not follow it.
 */
public final class StandInClient implements AutoCloseable {

	/** What the client_id URL answers. */
	public enum Kind {

		/** An HTML page with an h-app and {@code <link rel="redirect_uri">}. */
		HTML,
		/** A JSON client metadata document. */
		JSON,
		/** 404 Not Found. */
		NOT_FOUND,
		/** Nothing for longer than the server waits. */
		SLOW

	}

	private final HttpServer server;

	private final AtomicInteger fetches = new AtomicInteger();

	private volatile Kind kind;

	private volatile List<String> redirectUris = List.of();

	private volatile String name = "Stand-in Notes App";

	private volatile String jsonClientId;

	private StandInClient(Kind kind) throws IOException {
		this.kind = kind;
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.setExecutor(Executors.newCachedThreadPool((task) -> {
			Thread thread = new Thread(task, "stand-in-client");
			thread.setDaemon(true);
			return thread;
		}));
		this.server.createContext("/app/", this::clientPage);
		this.server.createContext("/hop/", this::hop);
		this.server.start();
	}

	public static StandInClient start(Kind kind) {
		try {
			return new StandInClient(kind);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The client_id. */
	public String clientId() {
		return base() + "/app/";
	}

	/** A redirect URL on the client's own origin. */
	public String callback() {
		return base() + "/app/callback";
	}

	/** The logo the client_id page names. */
	public String logo() {
		return base() + "/app/logo.png";
	}

	/** The home page the client_id page names. */
	public String home() {
		return base() + "/app/";
	}

	public String name() {
		return this.name;
	}

	public StandInClient redirectUris(String... uris) {
		this.redirectUris = List.of(uris);
		return this;
	}

	/** The {@code client_id} the JSON document claims ({@code null}: the real one). */
	public StandInClient claimClientId(String clientId) {
		this.jsonClientId = clientId;
		return this;
	}

	/** A client_id that takes this many redirects to reach {@code /app/}. */
	public String hopsAway(int hops) {
		return base() + "/hop/" + hops;
	}

	/** How many times the client_id page was asked for. */
	public int fetches() {
		return this.fetches.get();
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	private String base() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	private void clientPage(HttpExchange exchange) throws IOException {
		if (!exchange.getRequestURI().getPath().equals("/app/")) {
			send(exchange, 404, "text/plain", "not here");
			return;
		}
		this.fetches.incrementAndGet();
		switch (this.kind) {
			case NOT_FOUND -> send(exchange, 404, "text/html", "<!doctype html><title>Not found</title>");
			case SLOW -> {
				try {
					Thread.sleep(Duration.ofSeconds(8).toMillis());
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				send(exchange, 200, "text/html", html());
			}
			case JSON -> send(exchange, 200, "application/json", json());
			case HTML -> send(exchange, 200, "text/html; charset=utf-8", html());
		}
	}

	private void hop(HttpExchange exchange) throws IOException {
		int hops = Integer.parseInt(exchange.getRequestURI().getPath().substring("/hop/".length()));
		exchange.getResponseHeaders().add("Location", (hops <= 1) ? "/app/" : "/hop/" + (hops - 1));
		send(exchange, 302, "text/plain", "");
	}

	private String html() {
		String links = this.redirectUris.stream()
			.map((uri) -> "<link rel=\"redirect_uri\" href=\"" + uri + "\">")
			.collect(Collectors.joining());
		return "<!doctype html><html><head><title>App</title>" + links + "</head><body>"
				+ "<div class=\"h-app\"><img class=\"u-logo\" src=\"/app/logo.png\" alt=\"\">"
				+ "<a class=\"u-url p-name\" href=\"/app/\">" + this.name + "</a></div></body></html>";
	}

	private String json() {
		String uris = this.redirectUris.stream().map((uri) -> "\"" + uri + "\"").collect(Collectors.joining(","));
		String clientId = (this.jsonClientId != null) ? this.jsonClientId : clientId();
		return "{\"client_id\":\"" + clientId + "\",\"client_name\":\"" + this.name + "\",\"client_uri\":\"" + home()
				+ "\",\"logo_uri\":\"" + logo() + "\",\"redirect_uris\":[" + uris + "]}";
	}

	private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", type);
		exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
		catch (IOException ex) {
			// the server gave up waiting
		}
	}

}
