package io.starpunk.replycontext;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Locale;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * What a page says about itself, read with jsoup: from its first h-entry when it has one
 * ({@code p-name}, {@code p-author} as an h-card or text, {@code e-content} or
 * {@code p-summary}), else from its {@code og:title} or {@code <title>}, its author meta
 * and its description. A small reading of microformats, enough for a reply context.
 */
final class PageSummary {

	/** The longest title kept, in characters. */
	static final int MAX_TITLE = 200;

	private PageSummary() {
	}

	/**
	 * Reads a page.
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
		Element entry = page.selectFirst(".h-entry");
		if (entry != null) {
			String title = text(own(entry, "p-name"));
			String excerpt = text(own(entry, "e-content"));
			if (excerpt == null) {
				excerpt = text(own(entry, "p-content"));
			}
			if (excerpt == null) {
				excerpt = text(own(entry, "p-summary"));
			}
			// a note's implied or repeated name is its text: no title of its own
			if (title != null && excerpt != null && excerpt.startsWith(title.replace("…", ""))) {
				title = null;
			}
			Element author = own(entry, "p-author");
			if (author == null) {
				author = page.selectFirst(".h-card");
			}
			String authorName = null;
			String authorUrl = null;
			String authorPhoto = null;
			if (author != null) {
				if (classes(author, "h-card")) {
					authorName = text(own(author, "p-name"));
					Element link = own(author, "u-url");
					authorUrl = web((link != null) ? link.absUrl(link.hasAttr("href") ? "href" : "src")
							: author.absUrl("href"));
					Element photo = own(author, "u-photo");
					authorPhoto = (photo != null) ? web(photo.absUrl(photo.hasAttr("src") ? "src" : "href")) : null;
					if (authorName == null) {
						authorName = text(author);
					}
				}
				else {
					authorName = text(author);
					authorUrl = web(author.absUrl("href"));
				}
			}
			return context(requested, title, authorName, authorUrl, authorPhoto, excerpt, at);
		}
		String title = meta(page, "meta[property=og:title]");
		if (title == null) {
			title = text(page.selectFirst("head > title"));
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

	/**
	 * The first element with a class inside an item, not inside an item nested in it (an
	 * h-cite's name is not its entry's).
	 */
	private static Element own(Element item, String className) {
		for (Element found : item.getElementsByClass(className)) {
			if (found == item) {
				continue;
			}
			Element parent = found.parent();
			boolean nested = false;
			while (parent != null && parent != item) {
				if (parent.classNames().stream().anyMatch((name) -> name.startsWith("h-"))) {
					nested = true;
					break;
				}
				parent = parent.parent();
			}
			if (!nested) {
				return found;
			}
		}
		return null;
	}

	private static boolean classes(Element element, String className) {
		return element.classNames().contains(className);
	}

	private static String meta(Document page, String query) {
		Element meta = page.selectFirst(query);
		return (meta != null) ? blankToNull(meta.attr("content")) : null;
	}

	private static String text(Element element) {
		if (element == null) {
			return null;
		}
		String text = element.is("img, area") ? element.attr("alt") : element.is("data, input") ? element.attr("value")
				: element.is("abbr") && element.hasAttr("title") ? element.attr("title") : element.text();
		return blankToNull(text);
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
