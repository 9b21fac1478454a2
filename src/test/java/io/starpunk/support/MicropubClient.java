package io.starpunk.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A Micropub app's requests to a running server: form, JSON and multipart posts and
 * queries, with the token in {@code Authorization: Bearer} when one is given.
 */
public final class MicropubClient {

	private static final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final RunningServer server;

	public MicropubClient(RunningServer server) {
		this.server = server;
	}

	/** A form-encoded post to {@code /micropub}, from name and value pairs. */
	public HttpResponse<String> form(String token, String... pairs) {
		List<String> fields = new ArrayList<>();
		for (int i = 0; i < pairs.length; i += 2) {
			fields.add(URLEncoder.encode(pairs[i], StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
		}
		return post("/micropub", token, "application/x-www-form-urlencoded",
				HttpRequest.BodyPublishers.ofString(String.join("&", fields)));
	}

	/** A JSON post to {@code /micropub}. */
	public HttpResponse<String> json(String token, String body) {
		return post("/micropub", token, "application/json", HttpRequest.BodyPublishers.ofString(body));
	}

	/** A multipart post to {@code /micropub} or {@code /micropub/media}. */
	public HttpResponse<String> multipart(String path, String token, Multipart body) {
		return post(path, token, body.contentType(), body.publisher());
	}

	/** A GET of a path of the server. */
	public HttpResponse<String> get(String path, String token) {
		return send(withToken(HttpRequest.newBuilder(this.server.uri(path)).GET(), token));
	}

	/** Sends a request, waiting at most 30 seconds for the answer. */
	public HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private HttpResponse<String> post(String path, String token, String contentType, HttpRequest.BodyPublisher body) {
		return send(withToken(
				HttpRequest.newBuilder(this.server.uri(path)).header("Content-Type", contentType).POST(body), token));
	}

	private static HttpRequest.Builder withToken(HttpRequest.Builder request, String token) {
		return (token != null) ? request.header("Authorization", "Bearer " + token) : request;
	}

}
