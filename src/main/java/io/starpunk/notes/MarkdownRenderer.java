package io.starpunk.notes;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import org.commonmark.Extension;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.ext.gfm.strikethrough.StrikethroughExtension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;

import org.springframework.stereotype.Component;

/**
 * Markdown to HTML that is safe to put on a page: CommonMark with GitHub's tables,
 * strikethrough and autolinks, then an allow-list sanitiser, so raw HTML in a note keeps
 * its formatting but never runs. Block elements end with a line break, so the HTML's text
 * keeps list items and paragraphs apart ({@link BlockBreaks}).
 * <p>
 * Each distinct text is rendered once and remembered, in a cache bounded by the memory
 * its texts and their HTML take ({@link #CACHE_BYTES}); concurrent renderings of one text
 * wait for a single rendering.
 */
@Component
public class MarkdownRenderer implements MeterBinder {

	/** How much memory remembered texts and their HTML may take, roughly. */
	static final long CACHE_BYTES = 8L * 1024 * 1024;

	/** What an entry costs beyond its characters: the key, the entry, the strings. */
	private static final int ENTRY_OVERHEAD = 128;

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
		.withPostprocessor(BlockBreaks::new)
		.toFactory();

	private final Parser parser = Parser.builder().extensions(EXTENSIONS).build();

	private final HtmlRenderer renderer = HtmlRenderer.builder().extensions(EXTENSIONS).build();

	private final Cache<Source, String> cache;

	public MarkdownRenderer() {
		this(CACHE_BYTES);
	}

	/**
	 * A renderer whose cache holds at most about this many bytes.
	 * @param cacheBytes the bound
	 */
	MarkdownRenderer(long cacheBytes) {
		this.cache = Caffeine.newBuilder()
			.maximumWeight(cacheBytes)
			.weigher(MarkdownRenderer::weight)
			// evict on the rendering thread, at once, rather than on the common pool
			.executor(Runnable::run)
			.recordStats()
			.build();
	}

	/**
	 * Safe HTML for a note's Markdown.
	 * @param markdown the note's content
	 * @return sanitised HTML: formatting, lists, tables, links and images only
	 */
	public String render(String markdown) {
		Objects.requireNonNull(markdown, "markdown");
		return this.cache.get(new Source(markdown, false),
				(source) -> sanitise(this.renderer.render(this.parser.parse(source.text()))));
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
		return this.cache.get(new Source(html, true), (source) -> sanitise(source.text()));
	}

	static String sanitise(String html) {
		return POLICY.sanitize(html);
	}

	/** Two bytes a character, for the text (the key) and its HTML, and the entry. */
	private static int weight(Source source, String html) {
		long bytes = 2L * (source.text().length() + html.length()) + ENTRY_OVERHEAD;
		return (int) Math.min(Integer.MAX_VALUE, bytes);
	}

	/**
	 * A text to render: the key of the cache.
	 *
	 * @param text the Markdown, or HTML
	 * @param html whether it is HTML to sanitise rather than Markdown to render
	 */
	private record Source(String text, boolean html) {
	}

	/**
	 * Its hits, misses, evictions and size, as the {@code cache.*} meters tagged
	 * {@code cache=markdown}.
	 */
	@Override
	public void bindTo(MeterRegistry registry) {
		CaffeineCacheMetrics.monitor(registry, this.cache, "markdown");
	}

}
