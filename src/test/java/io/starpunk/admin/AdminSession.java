package io.starpunk.admin;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;

import io.starpunk.support.RunningServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A browser-like client of the admin pages: keeps its cookies, does not follow redirects,
 * and sends every form with the CSRF field a page of the session gave it.
 */
final class AdminSession {

	private final RunningServer server;

	private final HttpClient http = HttpClient.newBuilder()
		.connectTimeout(Duration.ofSeconds(5))
		.cookieHandler(new CookieManager())
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	private AdminSession(RunningServer server) {
		this.server = server;
	}

	static AdminSession open(RunningServer server) {
		return new AdminSession(server);
	}

	HttpResponse<String> get(String path) {
		return send(HttpRequest.newBuilder(this.server.uri(path)).GET());
	}

	/**
	 * Sends a form, with the CSRF field of a form page fetched in this session.
	 * @param path where to
	 * @param fields the form's fields
	 * @return the response
	 */
	HttpResponse<String> post(String path, Map<String, String> fields) {
		HttpResponse<String> form = get("/admin/new");
		assertThat(form.statusCode()).isEqualTo(200);
		Element csrf = Jsoup.parse(form.body()).selectFirst("form#note-form input[name=_csrf]");
		assertThat(csrf).as("the form's CSRF field").isNotNull();
		Map<String, String> all = new LinkedHashMap<>(fields);
		all.put(csrf.attr("name"), csrf.attr("value"));
		return postRaw(path, all);
	}

	/** Sends a form as given, without adding a CSRF field. */
	HttpResponse<String> postRaw(String path, Map<String, String> fields) {
		String body = fields.entrySet()
			.stream()
			.map((field) -> encode(field.getKey()) + "=" + encode(field.getValue()))
			.collect(Collectors.joining("&"));
		return send(HttpRequest.newBuilder(this.server.uri(path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	private HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return this.http.send(request.timeout(Duration.ofSeconds(10)).build(),
					HttpResponse.BodyHandlers.ofString());
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
