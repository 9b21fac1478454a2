package io.starpunk.replycontext;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.util.Locale;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import io.starpunk.microformats.Citation;
import io.starpunk.microformats.Mf2Document;
import io.starpunk.microformats.Microformats;

/**
 * What a page says about itself: from its h-entry when it has one, read by the
 * {@code microformats} parser as a webmention's source is ({@link Citation}: its name,
 * its author by the authorship rules, its content or summary), else from its
 * {@code og:title} or {@code <title>}, its author meta and its description.
 */
final class PageSummary {

	/** The longest title kept, in characters. */
	static final int MAX_TITLE = 200;

	private PageSummary() {
	}

	/**
	 * Reads a page.
	 * @param requested the address the note names (the context's key)
	 * @param url the page's address (after redirects), against which links resolve
	 * @param body its bytes; the charset is taken from the page (or UTF-8)
	 * @param at when it was fetched
	 * @return what it says
	 */
	static ReplyContext of(String requested, String url, byte[] body, Instant at) {
		Document page;
		try {
			page = Jsoup.parse(new ByteArrayInputStream(body), null, url);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		URI address = URI.create(url);
		Mf2Document document = Microformats.parse(page, address);
		if (!document.find("h-entry").isEmpty()) {
			Citation entry = Citation.of(document, address, address);
			return context(requested, blankToNull(entry.name()), blankToNull(entry.author().name()),
					web(entry.author().url()), web(entry.author().photo()), blankToNull(entry.contentText()), at);
		}
		String title = meta(page, "meta[property=og:title]");
		if (title == null) {
			Element head = page.selectFirst("head > title");
			title = (head != null) ? blankToNull(head.text()) : null;
		}
		String excerpt = meta(page, "meta[property=og:description]");
		if (excerpt == null) {
			excerpt = meta(page, "meta[name=description]");
		}
		String authorName = meta(page, "meta[name=author]");
		return context(requested, title, authorName, null, null, excerpt, at);
	}

	private static ReplyContext context(String url, String title, String authorName, String authorUrl,
			String authorPhoto, String excerpt, Instant at) {
		return new ReplyContext(url, cut(title, MAX_TITLE), cut(authorName, MAX_TITLE), authorUrl, authorPhoto,
				cut(excerpt, ReplyContext.MAX_EXCERPT), at);
	}

	private static String meta(Document page, String query) {
		Element meta = page.selectFirst(query);
		return (meta != null) ? blankToNull(meta.attr("content")) : null;
	}

	private static String blankToNull(String text) {
		if (text == null) {
			return null;
		}
		String collapsed = text.replaceAll("\\s+", " ").strip();
		return collapsed.isEmpty() ? null : collapsed;
	}

	/** At most {@code max} characters, ending with an ellipsis when cut. */
	static String cut(String text, int max) {
		if (text == null || text.length() <= max) {
			return text;
		}
		int end = max - 1;
		if (Character.isLowSurrogate(text.charAt(end))) {
			end--;
		}
		return text.substring(0, end).stripTrailing() + "…";
	}

	private static String web(String url) {
		if (url == null) {
			return null;
		}
		String lower = url.toLowerCase(Locale.ROOT);
		return (lower.startsWith("https://") || lower.startsWith("http://")) ? url : null;
	}

}
