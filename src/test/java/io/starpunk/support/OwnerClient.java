package io.starpunk.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;

/**
 * A browser without the browser: an HTTP client with its own cookies that signs in
 * through the real sign-in form and sends forms with the CSRF field they carry. Redirects
 * are not followed, so tests see them.
 */
public final class OwnerClient {

	/** The password tests start the server with: {@code "ADMIN_PASSWORD=" + PASSWORD}. */
	public static final String PASSWORD = "correct horse battery staple";

	private final RunningServer server;

	private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);

	private final HttpClient http;

	private final Map<String, String> headers = new LinkedHashMap<>();

	private OwnerClient(RunningServer server) {
		this.server = server;
		this.http = HttpClient.newBuilder()
			.cookieHandler(this.cookies)
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
	}

	/**
	 * A client that has not signed in.
	 * @param server the server
	 * @return the client
	 */
	public static OwnerClient anonymous(RunningServer server) {
		return new OwnerClient(server);
	}

	/**
	 * Signs in with the form at {@code /auth/login}.
	 * @param server the server
	 * @param password the password
	 * @return the signed-in client
	 * @throws AssertionError when the sign-in is refused
	 */
	public static OwnerClient signIn(RunningServer server, String password) {
		OwnerClient client = new OwnerClient(server);
		HttpResponse<String> response = client.signInWith(password);
		if (response.statusCode() != 302 || client.sessionCookie().isEmpty()) {
			throw new AssertionError("sign-in refused: " + response.statusCode());
		}
		return client;
	}

	/**
	 * Posts the sign-in form.
	 * @param password the password
	 * @return the response
	 */
	public HttpResponse<String> signInWith(String password) {
		return post("/auth/login", Map.of("password", password));
	}

	public HttpResponse<String> get(String path) {
		return send(HttpRequest.newBuilder(this.server.uri(path)).GET());
	}

	/**
	 * Posts a form with a valid CSRF field, read from the sign-in page (any page's token
	 * is good for the cookie this client holds).
	 * @param path the form's action
	 * @param fields the fields
	 * @return the response
	 */
	public HttpResponse<String> post(String path, Map<String, String> fields) {
		Map<String, String> all = new LinkedHashMap<>(fields);
		all.put("_csrf", csrfToken());
		return postWithoutCsrf(path, all);
	}

	/**
	 * Posts a form whose fields may repeat (ticked checkboxes), with a valid CSRF field.
	 * @param path the form's action
	 * @param fields the fields, in order
	 * @return the response
	 */
	public HttpResponse<String> post(String path, List<Map.Entry<String, String>> fields) {
		List<Map.Entry<String, String>> all = new ArrayList<>(fields);
		all.add(Map.entry("_csrf", csrfToken()));
		String body = all.stream()
			.map((field) -> encode(field.getKey()) + "=" + encode(field.getValue()))
			.collect(Collectors.joining("&"));
		return send(HttpRequest.newBuilder(this.server.uri(path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	/**
	 * Posts a form as given, with no CSRF field added.
	 * @param path the form's action
	 * @param fields the fields
	 * @return the response
	 */
	public HttpResponse<String> postWithoutCsrf(String path, Map<String, String> fields) {
		String body = fields.entrySet()
			.stream()
			.map((field) -> encode(field.getKey()) + "=" + encode(field.getValue()))
			.collect(Collectors.joining("&"));
		return send(HttpRequest.newBuilder(this.server.uri(path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	/**
	 * Posts a multipart form as given: add the CSRF field ({@link #csrfToken()}) to send
	 * one.
	 * @param path the form's action
	 * @param body the form
	 * @return the response
	 */
	public HttpResponse<String> postMultipart(String path, Multipart body) {
		return send(HttpRequest.newBuilder(this.server.uri(path))
			.header("Content-Type", body.contentType())
			.POST(body.publisher()));
	}

	/** The value of the {@code starpunk_session} cookie this client holds, if any. */
	public Optional<String> sessionCookie() {
		return this.cookies.getCookieStore()
			.getCookies()
			.stream()
			.filter((cookie) -> cookie.getName().equals("starpunk_session") && !cookie.hasExpired())
			.map(HttpCookie::getValue)
			.filter((value) -> !value.isEmpty())
			.findFirst();
	}

	/** The value of a cookie this client holds, if any. */
	public Optional<String> cookie(String name) {
		return this.cookies.getCookieStore()
			.getCookies()
			.stream()
			.filter((cookie) -> cookie.getName().equals(name) && !cookie.hasExpired())
			.map(HttpCookie::getValue)
			.filter((value) -> !value.isEmpty())
			.findFirst();
	}

	/** Sets a cookie, as a browser that kept an old one would send it. */
	public void setCookie(String name, String value) {
		HttpCookie cookie = new HttpCookie(name, value);
		cookie.setPath("/");
		cookie.setVersion(0);
		this.cookies.getCookieStore().add(this.server.uri("/"), cookie);
	}

	/**
	 * Sends a header with every request from now on (as a proxy in front would add
	 * {@code X-Forwarded-For}).
	 * @param name the header's name
	 * @param value its value
	 * @return this client
	 */
	public OwnerClient withHeader(String name, String value) {
		this.headers.put(name, value);
		return this;
	}

	/** A CSRF token good for this client's cookie. */
	public String csrfToken() {
		// the sign-in page always carries a form (sign-in, or sign-out when signed in)
		String page = send(HttpRequest.newBuilder(this.server.uri("/auth/login")).GET()).body();
		Element field = Jsoup.parse(page).selectFirst("input[name=_csrf]");
		if (field == null) {
			throw new AssertionError("no CSRF field found");
		}
		return field.attr("value");
	}

	private HttpResponse<String> send(HttpRequest.Builder request) {
		this.headers.forEach(request::header);
		try {
			return this.http.send(request.timeout(Duration.ofSeconds(15)).build(),
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
