package io.starpunk.microformats;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a page that links to one of ours says about it, read from its microformats as the
 * webmention comment presentation reads them: the page's entry (the {@code h-entry} at
 * its URL, else its first); the kind, from which of the entry's properties leads to the
 * target ({@code in-reply-to} a reply, or an RSVP with {@code rsvp}; {@code like-of},
 * {@code repost-of}, {@code bookmark-of}; a mention otherwise); the author, from the
 * entry's {@code author} (an h-card, or a URL or name completed from the page's h-card of
 * that URL), else the page's representative h-card; the entry's URL, content, name and
 * date.
 *
 * @param kind what it is
 * @param url its URL: the entry's {@code url}, else the page's
 * @param author who wrote it
 * @param contentHtml its content as the page has it (unsanitised), or {@code null}
 * @param contentText its content's text, or {@code null}
 * @param name its name when it is more than its content's text, or {@code null}
 * @param published its {@code published} date as written, or {@code null}
 * @param rsvp the RSVP ({@code yes}, {@code no}, {@code maybe}, {@code interested}) for
 * {@link Kind#RSVP}, or {@code null}
 */
public record Citation(Kind kind, String url, Author author, String contentHtml, String contentText, String name,
		String published, String rsvp) {

	/**
	 * Reads what a page says about a target.
	 * @param document the page, parsed
	 * @param source the page's URL
	 * @param target the URL it links to
	 * @return the citation
	 */
	public static Citation of(Mf2Document document, URI source, URI target) {
		Optional<Mf2Item> found = entry(document, source);
		if (found.isEmpty()) {
			return new Citation(Kind.MENTION, source.toString(), representative(document, source), null, null, null,
					null, null);
		}
		Mf2Item entry = found.get();
		Kind kind = kind(entry, target);
		String url = entry.text("url").orElse(source.toString());
		Author author = author(entry, document, source);
		String html = null;
		String text = null;
		Optional<Mf2Value> content = entry.first("content");
		if (content.isPresent()) {
			if (content.get() instanceof Mf2Value.Html embedded) {
				html = embedded.html();
				text = embedded.value();
			}
			else {
				text = content.get().text();
			}
		}
		else if (entry.first("summary").isPresent()) {
			text = entry.first("summary").get().text();
		}
		String name = entry.text("name").map(String::strip).orElse(null);
		if (name != null && text != null && collapsed(text).startsWith(collapsed(name))) {
			name = null;
		}
		String rsvp = (kind == Kind.RSVP)
				? entry.text("rsvp").map((value) -> value.toLowerCase(Locale.ROOT)).orElse(null) : null;
		return new Citation(kind, url, author, html, text, name, entry.text("published").orElse(null), rsvp);
	}

	private static String collapsed(String text) {
		return text.replaceAll("\\s+", " ").strip();
	}

	/** The page's entry: the h-entry whose url is the page's, else the first. */
	private static Optional<Mf2Item> entry(Mf2Document document, URI source) {
		List<Mf2Item> entries = document.find("h-entry");
		for (Mf2Item entry : entries) {
			for (Mf2Value url : entry.all("url")) {
				if (same(url.text(), source)) {
					return Optional.of(entry);
				}
			}
		}
		return entries.stream().findFirst();
	}

	private static Kind kind(Mf2Item entry, URI target) {
		if (links(entry, "in-reply-to", target)) {
			return entry.text("rsvp").isPresent() ? Kind.RSVP : Kind.REPLY;
		}
		if (links(entry, "like-of", target)) {
			return Kind.LIKE;
		}
		if (links(entry, "repost-of", target)) {
			return Kind.REPOST;
		}
		if (links(entry, "bookmark-of", target)) {
			return Kind.BOOKMARK;
		}
		return Kind.MENTION;
	}

	private static boolean links(Mf2Item entry, String property, URI target) {
		for (Mf2Value value : entry.all(property)) {
			if (same(value.text(), target)) {
				return true;
			}
			if (value instanceof Mf2Item cited) {
				for (Mf2Value url : cited.all("url")) {
					if (same(url.text(), target)) {
						return true;
					}
				}
			}
		}
		return false;
	}

	private static Author author(Mf2Item entry, Mf2Document document, URI source) {
		Optional<Mf2Value> written = entry.first("author");
		if (written.isPresent()) {
			if (written.get() instanceof Mf2Item card) {
				return Author.of(card);
			}
			String value = written.get().text().strip();
			if (absolute(value)) {
				for (Mf2Item card : document.find("h-card")) {
					if (card.all("url").stream().anyMatch((url) -> url.text().equals(value))) {
						return Author.of(card);
					}
				}
				return new Author(null, value, null);
			}
			if (!value.isEmpty()) {
				return new Author(value, null, null);
			}
		}
		return representative(document, source);
	}

	/**
	 * The page's representative h-card: the top-level one whose url is the page's, else
	 * one whose url is a {@code rel=me} link of the page, else the only top-level one.
	 */
	private static Author representative(Mf2Document document, URI source) {
		List<Mf2Item> cards = document.items().stream().filter((item) -> item.is("h-card")).toList();
		List<String> me = document.rels().getOrDefault("me", List.of());
		for (Mf2Item card : cards) {
			for (Mf2Value url : card.all("url")) {
				if (same(url.text(), source) || me.contains(url.text())) {
					return Author.of(card);
				}
			}
		}
		return (cards.size() == 1) ? Author.of(cards.get(0)) : Author.NONE;
	}

	private static boolean absolute(String value) {
		return value.startsWith("http://") || value.startsWith("https://");
	}

	/**
	 * Whether a URL is the given one, without regard to a fragment or the host's case.
	 */
	static boolean same(String url, URI other) {
		try {
			return comparable(new URI(url.strip())).equals(comparable(other));
		}
		catch (URISyntaxException ex) {
			return false;
		}
	}

	private static String comparable(URI uri) {
		String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty()) ? "/" : uri.getRawPath();
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		String host = (uri.getHost() != null) ? uri.getHost().toLowerCase(Locale.ROOT) : "";
		int port = uri.getPort();
		if ((port == 80 && scheme.equals("http")) || (port == 443 && scheme.equals("https"))) {
			port = -1;
		}
		return scheme + "://" + host + ((port >= 0) ? ":" + port : "") + path
				+ ((uri.getRawQuery() != null) ? "?" + uri.getRawQuery() : "");
	}

	/** What a cited page is. */
	public enum Kind {

		/** A reply: {@code in-reply-to}. */
		REPLY,
		/** A like: {@code like-of}. */
		LIKE,
		/** A repost: {@code repost-of}. */
		REPOST,
		/** A bookmark: {@code bookmark-of}. */
		BOOKMARK,
		/** An RSVP: {@code in-reply-to} with {@code rsvp}. */
		RSVP,
		/** Any other link. */
		MENTION;

		/**
		 * Its name in lower case, as stored and shown.
		 * @return {@code reply}, {@code like}, ...
		 */
		public String value() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	/**
	 * Who wrote a cited page; any part may be unknown.
	 *
	 * @param name the name, or {@code null}
	 * @param url the URL, or {@code null}
	 * @param photo the photo's URL, or {@code null}
	 */
	public record Author(String name, String url, String photo) {

		/** Nobody known. */
		public static final Author NONE = new Author(null, null, null);

		static Author of(Mf2Item card) {
			return new Author(card.text("name").map(String::strip).orElse(null), card.text("url").orElse(null),
					card.text("photo").orElse(null));
		}

	}

}
