package io.starpunk.indieauth;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The IndieAuth rules for a client identifier: an https URL (http only on loopback) with
 * a path, no fragment, no user or password, no {@code .} or {@code ..} segments, and a
 * domain name rather than an IP address (loopback 127.0.0.1 and [::1] excepted).
 */
final class ClientIds {

	private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

	private ClientIds() {
	}

	/**
	 * A client_id, if it is one.
	 * @param raw the client_id as sent
	 * @return the URL, or empty when it breaks a rule
	 */
	static Optional<URI> parse(String raw) {
		if (raw == null || raw.isBlank() || raw.length() > 2000 || raw.indexOf('#') >= 0) {
			return Optional.empty();
		}
		URI url;
		try {
			url = new URI(raw);
		}
		catch (URISyntaxException ex) {
			return Optional.empty();
		}
		String scheme = (url.getScheme() != null) ? url.getScheme().toLowerCase(Locale.ROOT) : "";
		String host = url.getHost();
		if (host == null || url.getRawUserInfo() != null || url.getRawPath() == null || url.getRawPath().isEmpty()) {
			return Optional.empty();
		}
		boolean loopback = isLoopbackHost(host);
		if (!(scheme.equals("https") || (scheme.equals("http") && loopback))) {
			return Optional.empty();
		}
		if ((IPV4.matcher(host).matches() || host.startsWith("[")) && !loopback) {
			return Optional.empty();
		}
		for (String segment : url.getRawPath().split("/", -1)) {
			if (segment.equals(".") || segment.equals("..")) {
				return Optional.empty();
			}
		}
		return Optional.of(url);
	}

	/** localhost, 127.0.0.1 or [::1]. */
	static boolean isLoopbackHost(String host) {
		if (host == null) {
			return false;
		}
		String lower = host.toLowerCase(Locale.ROOT);
		return lower.equals("localhost") || lower.equals("127.0.0.1") || lower.equals("[::1]");
	}

}
