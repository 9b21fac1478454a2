package io.starpunk.webmention;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.starpunk.support.RunningServer;

/** A webmention sender for tests: real HTTP to the running server. */
final class Webmentions {

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private Webmentions() {
	}

	static HttpResponse<String> send(RunningServer server, String source, String target) {
		return post(server, "application/x-www-form-urlencoded",
				"source=" + encode(source) + "&target=" + encode(target));
	}

	static HttpResponse<String> post(RunningServer server, String type, String body) {
		return exchange(HttpRequest.newBuilder(server.uri("/webmention"))
			.header("Content-Type", type)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build());
	}

	/** The status text at a request's Location (the site's URL is not this server's). */
	static String status(RunningServer server, HttpResponse<String> accepted) {
		URI location = URI.create(accepted.headers().firstValue("Location").orElseThrow());
		return exchange(HttpRequest.newBuilder(server.uri(location.getPath())).GET().build()).body();
	}

	static HttpResponse<String> exchange(HttpRequest request) {
		try {
			return http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
