package io.starpunk.webmention;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;

import org.springframework.stereotype.Component;

import io.starpunk.config.StarpunkSettings;
import io.starpunk.notes.Note;
import io.starpunk.notes.Notes;

/**
 * Which URLs a webmention may name: a target is the permalink of a published note of this
 * site ({@code SITE_URL} + {@code notes/<slug>}); a source is an absolute http(s) URL
 * with a host and no user info. URLs are compared without fragment, with the scheme and
 * host in lower case and the default port left out.
 */
@Component
class Targets {

	/** The longest URL taken. */
	static final int MAX_URL = 2048;

	private final StarpunkSettings settings;

	private final Notes notes;

	private final Clock clock;

	Targets(StarpunkSettings settings, Notes notes, Clock clock) {
		this.settings = settings;
		this.notes = notes;
		this.clock = clock;
	}

	/**
	 * The public note a target URL is the permalink of: published, not deleted, and not
	 * scheduled for later (its permalink answers 404 until it is due).
	 * @param target the URL
	 * @return the note, or empty
	 */
	Optional<Note> note(URI target) {
		String site = comparable(this.settings.siteUrl());
		String url = comparable(target);
		String prefix = site + (site.endsWith("/") ? "" : "/") + "notes/";
		if (!url.startsWith(prefix) || target.getRawQuery() != null) {
			return Optional.empty();
		}
		String slug = url.substring(prefix.length());
		if (slug.endsWith("/")) {
			slug = slug.substring(0, slug.length() - 1);
		}
		if (slug.isEmpty() || slug.contains("/")) {
			return Optional.empty();
		}
		return this.notes.findBySlug(slug).filter((note) -> note.visibleAt(this.clock.instant()));
	}

	/**
	 * An absolute http(s) URL with a host and no user info.
	 * @param text the text sent
	 * @return the URL, or empty
	 */
	static Optional<URI> httpUrl(String text) {
		if (text == null || text.isBlank() || text.length() > MAX_URL) {
			return Optional.empty();
		}
		try {
			URI url = new URI(text.strip());
			String scheme = (url.getScheme() != null) ? url.getScheme().toLowerCase(Locale.ROOT) : "";
			if (!(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null
					|| url.getRawUserInfo() != null) {
				return Optional.empty();
			}
			return Optional.of(url);
		}
		catch (URISyntaxException ex) {
			return Optional.empty();
		}
	}

	/** Whether two URLs are the same page. */
	static boolean same(URI one, URI other) {
		return comparable(one).equals(comparable(other));
	}

	/** Whether a URL, as text, is the given page. */
	static boolean same(String url, URI other) {
		try {
			return same(new URI(url.strip()), other);
		}
		catch (URISyntaxException ex) {
			return false;
		}
	}

	/** The host of a URL, in lower case. */
	static String host(URI url) {
		return url.getHost().toLowerCase(Locale.ROOT);
	}

	static String comparable(URI uri) {
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		String host = (uri.getHost() != null) ? uri.getHost().toLowerCase(Locale.ROOT) : "";
		int port = uri.getPort();
		if ((port == 80 && scheme.equals("http")) || (port == 443 && scheme.equals("https"))) {
			port = -1;
		}
		String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty()) ? "/" : uri.getRawPath();
		return scheme + "://" + host + ((port >= 0) ? ":" + port : "") + path
				+ ((uri.getRawQuery() != null) ? "?" + uri.getRawQuery() : "");
	}

}
