package io.starpunk.http;

import java.net.URI;
import java.util.Locale;

/**
 * Web origins: whether two URLs share scheme, host and port, the rule the fetch helper
 * keeps redirects and trusted endpoints to and IndieAuth compares a client's URLs by.
 */
public final class Origins {

	private Origins() {
	}

	/**
	 * Whether two URLs share scheme, host and port (default ports made explicit).
	 * @param one a URL
	 * @param other another
	 * @return whether they have the same origin
	 */
	public static boolean same(URI one, URI other) {
		return one.getScheme() != null && other.getScheme() != null && one.getHost() != null && other.getHost() != null
				&& one.getScheme().equalsIgnoreCase(other.getScheme())
				&& one.getHost().equalsIgnoreCase(other.getHost()) && port(one) == port(other);
	}

	private static int port(URI url) {
		if (url.getPort() != -1) {
			return url.getPort();
		}
		return switch (url.getScheme().toLowerCase(Locale.ROOT)) {
			case "https" -> 443;
			case "http" -> 80;
			default -> -1;
		};
	}

}
