package io.starpunk.notes;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import org.commonmark.Extension;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.ext.gfm.strikethrough.StrikethroughExtension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;

import org.springframework.stereotype.Component;

import io.starpunk.config.Sha256;

/**
 * Markdown to HTML that is safe to put on a page: CommonMark with GitHub's tables,
 * strikethrough and autolinks, then an allow-list sanitiser, so raw HTML in a note keeps
 * its formatting but never runs. Each distinct text is rendered once and remembered.
 */
@Component
public class MarkdownRenderer {

	static final int CACHE_SIZE = 2_048;

	static final List<Extension> EXTENSIONS = List.of(TablesExtension.create(), StrikethroughExtension.create(),
			AutolinkExtension.create());

	private static final Pattern DIMENSION = Pattern.compile("[0-9]{1,5}");

	private static final Pattern ALIGNMENT = Pattern.compile("left|center|right", Pattern.CASE_INSENSITIVE);

	private static final PolicyFactory POLICY = new HtmlPolicyBuilder()
		.allowElements("p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "code", "ul", "ol", "li", "hr",
				"br", "table", "thead", "tbody", "tr", "th", "td", "del", "s", "em", "strong", "sup", "sub", "a", "img",
				"b", "i", "u", "mark", "small", "cite", "q", "abbr", "kbd", "dl", "dt", "dd", "figure", "figcaption")
		.allowUrlProtocols("http", "https", "mailto")
		.allowAttributes("href", "title")
		.onElements("a")
		.allowAttributes("src")
		.matching((element, attribute, value) -> value.trim().regionMatches(true, 0, "mailto:", 0, 7) ? null : value)
		.onElements("img")
		.allowAttributes("alt", "title")
		.onElements("img")
		.allowAttributes("width", "height")
		.matching(DIMENSION)
		.onElements("img")
		.allowAttributes("align")
		.matching(ALIGNMENT)
		.onElements("th", "td")
		.allowAttributes("start")
		.matching(DIMENSION)
		.onElements("ol")
		.toFactory();

	private final Parser parser = Parser.builder().extensions(EXTENSIONS).build();

	private final HtmlRenderer renderer = HtmlRenderer.builder().extensions(EXTENSIONS).build();

	private final Map<String, String> cache = new LinkedHashMap<>(256, 0.75f, true) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
			return size() > CACHE_SIZE;
		}

	};

	private final AtomicLong renderings = new AtomicLong();

	/**
	 * Safe HTML for a note's Markdown.
	 * @param markdown the note's content
	 * @return sanitised HTML: formatting, lists, tables, links and images only
	 */
	public String render(String markdown) {
		Objects.requireNonNull(markdown, "markdown");
		String key = Sha256.hex(markdown);
		synchronized (this.cache) {
			String cached = this.cache.get(key);
			if (cached != null) {
				return cached;
			}
		}
		String html = sanitise(this.renderer.render(this.parser.parse(markdown)));
		this.renderings.incrementAndGet();
		synchronized (this.cache) {
			this.cache.put(key, html);
		}
		return html;
	}

	/**
	 * Safe HTML for a note's text, whether Markdown or HTML.
	 * @param text the note's text
	 * @return sanitised HTML
	 */
	public String render(NoteText text) {
		return text.html() ? sanitiseHtml(text.markdown()) : render(text.markdown());
	}

	/**
	 * HTML a client sent, made safe: the same allow-list as rendered Markdown.
	 * @param html the HTML
	 * @return sanitised HTML
	 */
	public String sanitiseHtml(String html) {
		Objects.requireNonNull(html, "html");
		String key = "html:" + Sha256.hex(html);
		synchronized (this.cache) {
			String cached = this.cache.get(key);
			if (cached != null) {
				return cached;
			}
		}
		String safe = sanitise(html);
		synchronized (this.cache) {
			this.cache.put(key, safe);
		}
		return safe;
	}

	/**
	 * How many times Markdown was parsed and sanitised rather than served from memory.
	 */
	long renderings() {
		return this.renderings.get();
	}

	static String sanitise(String html) {
		return POLICY.sanitize(html);
	}

}
