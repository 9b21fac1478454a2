package io.starpunk.http;

import java.util.List;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The one list of the endpoints that apps call, not the owner's browser: they answer
 * errors in their protocol's JSON (wherever the error is found: a body limit, the error
 * page), ask for no CSRF token (a token or a code is the proof, not a cookie), and some
 * of them may be called by browsers from any origin (CORS).
 */
public final class ClientEndpoints {

	/** The protocol an endpoint speaks, which decides the shape of its errors. */
	public enum Protocol {

		/** Micropub and its media endpoint. */
		MICROPUB,

		/**
		 * The IndieAuth server's endpoints that clients call: token, introspection,
		 * revocation, userinfo, metadata, and the profile redemption
		 * ({@code POST /auth/authorize}).
		 */
		OAUTH,

		/** The public search API. */
		SEARCH,

		/** The webmention endpoint. */
		WEBMENTION

	}

	private record Endpoint(PathPattern path, String method, Protocol protocol, boolean crossOrigin) {

		boolean matches(String method, PathContainer path) {
			return (this.method == null || this.method.equalsIgnoreCase(method)) && this.path.matches(path);
		}

	}

	private static final List<Endpoint> ENDPOINTS = List.of(endpoint("/micropub/**", null, Protocol.MICROPUB, false),
			endpoint("/auth/token", null, Protocol.OAUTH, true),
			endpoint("/auth/introspect", null, Protocol.OAUTH, true),
			endpoint("/auth/revoke", null, Protocol.OAUTH, true),
			endpoint("/auth/userinfo", null, Protocol.OAUTH, true),
			endpoint("/.well-known/oauth-authorization-server", null, Protocol.OAUTH, true),
			// the authorization endpoint itself is the owner's page; only its POST is a
			// client's (and never from a browser of another origin)
			endpoint("/auth/authorize", "POST", Protocol.OAUTH, false),
			endpoint("/api/**", null, Protocol.SEARCH, false),
			endpoint("/webmention", "POST", Protocol.WEBMENTION, false));

	private ClientEndpoints() {
	}

	private static Endpoint endpoint(String pattern, String method, Protocol protocol, boolean crossOrigin) {
		return new Endpoint(PathPatternParser.defaultInstance.parse(pattern), method, protocol, crossOrigin);
	}

	/**
	 * The protocol of a request's endpoint.
	 * @param method the request's method
	 * @param path its path within the application (percent-encoded, as requested)
	 * @return the protocol, or empty when the path is not an endpoint that apps call
	 */
	public static Optional<Protocol> protocol(String method, String path) {
		PathContainer container = PathContainer.parsePath(path);
		return ENDPOINTS.stream()
			.filter((endpoint) -> endpoint.matches(method, container))
			.map(Endpoint::protocol)
			.findFirst();
	}

	/**
	 * Whether a request is to an endpoint that apps call; a Spring Security
	 * {@code RequestMatcher} as a method reference.
	 * @param request the request
	 * @return whether it is
	 */
	public static boolean matches(HttpServletRequest request) {
		return protocol(request.getMethod(), path(request)).isPresent();
	}

	/**
	 * The path patterns that browsers may call from any origin (the CORS registrations):
	 * the metadata and the token endpoints, never the authorization endpoint, which the
	 * owner's browser opens itself.
	 * @return the patterns
	 */
	public static List<String> crossOrigin() {
		return ENDPOINTS.stream()
			.filter(Endpoint::crossOrigin)
			.map((endpoint) -> endpoint.path().getPatternString())
			.toList();
	}

	/**
	 * A request's path within the application.
	 * @param request the request
	 * @return the request URI without the context path
	 */
	static String path(HttpServletRequest request) {
		String uri = request.getRequestURI();
		String context = request.getContextPath();
		return (context != null && !context.isEmpty() && uri.startsWith(context)) ? uri.substring(context.length())
				: uri;
	}

}
