package io.starpunk.webmention.sending;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;

import org.springframework.stereotype.Component;

import io.starpunk.notes.MarkdownRenderer;
import io.starpunk.notes.Note;
import io.starpunk.notes.NoteProperties;
import io.starpunk.notes.Notes;

/**
 * The pages a note links to, and so the targets of its webmentions: the URLs of
 * {@code in-reply-to}, {@code like-of}, {@code repost-of} and {@code bookmark-of} (each a
 * URL or an h-cite with a {@code url}), then every link of its text as its page shows it
 * (the rendered, sanitised HTML, relative links resolved against the note's URL). Only
 * http(s) URLs with a host, without their fragment, each once; the note's own URL is left
 * out.
 */
@Component
class NoteLinks {

	/** The properties whose values are the pages a note responds to. */
	static final List<String> RESPONSE_PROPERTIES = List.of("in-reply-to", "like-of", "repost-of", "bookmark-of");

	private final Notes notes;

	private final MarkdownRenderer renderer;

	NoteLinks(Notes notes, MarkdownRenderer renderer) {
		this.notes = notes;
		this.renderer = renderer;
	}

	/**
	 * The targets of a note.
	 * @param note the note
	 * @param source its URL
	 * @return the targets, in order, without repeats
	 */
	Set<URI> of(Note note, URI source) {
		NoteProperties properties = this.notes.properties(note);
		Set<URI> targets = new LinkedHashSet<>();
		for (String name : RESPONSE_PROPERTIES) {
			for (Object value : properties.values().getOrDefault(name, List.of())) {
				add(targets, source, url(value));
			}
		}
		String html = this.renderer.render(this.notes.text(note, properties));
		for (Element link : Jsoup.parseBodyFragment(html).select("a[href]")) {
			add(targets, source, link.attr("href"));
		}
		return targets;
	}

	/** The URL of a property value: a string, or an h-cite's first {@code url}. */
	private static String url(Object value) {
		if (value instanceof String text) {
			return text;
		}
		if (value instanceof Map<?, ?> map) {
			if (map.get("properties") instanceof Map<?, ?> properties && properties.get("url") instanceof List<?> urls
					&& !urls.isEmpty()) {
				return url(urls.get(0));
			}
			if (map.get("value") instanceof String text) {
				return text;
			}
		}
		return null;
	}

	private static void add(Set<URI> targets, URI source, String href) {
		if (href == null || href.isBlank() || href.strip().startsWith("#")) {
			return;
		}
		URI target;
		try {
			String resolved = source.resolve(href.strip()).toString();
			int fragment = resolved.indexOf('#');
			target = URI.create((fragment >= 0) ? resolved.substring(0, fragment) : resolved);
		}
		catch (IllegalArgumentException ex) {
			return;
		}
		String scheme = (target.getScheme() != null) ? target.getScheme().toLowerCase(Locale.ROOT) : "";
		if ((scheme.equals("http") || scheme.equals("https")) && target.getHost() != null && !target.equals(source)) {
			targets.add(target);
		}
	}

}
