package io.starpunk.rendered;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.starpunk.config.Sha256;
import io.starpunk.notes.NotesChanged;

/**
 * The rendered public pages, each under its address. Every change to the notes (a
 * {@link NotesChanged}, whether made here, by another process on the database or by hand
 * in a note's file) makes every page stale at once; a stale page is rendered again by the
 * next request for it, and kept meanwhile as the last good bytes to answer with if that
 * render fails.
 */
@Component
class RenderedPages implements MeterBinder {

	private static final Log log = LogFactory.getLog(RenderedPages.class);

	/** The most bytes of pages (plain and gzip) kept in memory. */
	static final long MAX_BYTES = 16L * 1024 * 1024;

	/** The longest {@code ?before=} page token kept (a time and an id). */
	private static final int MAX_TOKEN = 40;

	/** An HTTP date (IMF-fixdate, RFC 9110): two-digit days, always GMT. */
	private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'",
			Locale.US);

	private static final Set<String> FEEDS = Set.of("feed.xml", "feed.rss", "feed.atom", "feed.json");

	private final Cache<String, RenderedPage> pages = Caffeine.newBuilder()
		.maximumWeight(MAX_BYTES)
		.<String, RenderedPage>weigher((key, page) -> page.weight() + 2 * key.length())
		.recordStats()
		.build();

	private final AtomicLong generation = new AtomicLong(1);

	/** The pages whose last render failed, so that a failure is logged once. */
	private final Set<String> failing = ConcurrentHashMap.newKeySet();

	private final Clock clock;

	RenderedPages(Clock clock) {
		this.clock = clock;
	}

	/**
	 * The key of a request for a page kept here: its path, and its query when that is a
	 * page of older notes.
	 * @param path the request's path, as sent
	 * @param query the request's query, or {@code null}
	 * @return the key, or {@code null} for any other request
	 */
	static String key(String path, String query) {
		if (path.isEmpty() || path.charAt(0) != '/' || path.indexOf(';') >= 0) {
			return null;
		}
		if (path.length() == 1) {
			return paged(path, query);
		}
		if (path.startsWith("/notes/")) {
			return (query == null && segment(path, 7) == path.length()) ? path : null;
		}
		if (path.startsWith("/tags/")) {
			int end = segment(path, 6);
			if (end == path.length()) {
				return paged(path, query);
			}
			return (query == null && end > 0 && FEEDS.contains(path.substring(end + 1))) ? path : null;
		}
		if (query != null) {
			return null;
		}
		return (path.equals("/tags") || FEEDS.contains(path.substring(1))) ? path : null;
	}

	/** Where a non-empty path segment starting at {@code start} ends, or -1. */
	private static int segment(String path, int start) {
		int slash = path.indexOf('/', start);
		int end = (slash < 0) ? path.length() : slash;
		return (end > start) ? end : -1;
	}

	/** A page with no query, or one of its pages of older notes. */
	private static String paged(String path, String query) {
		if (query == null) {
			return path;
		}
		if (!query.startsWith("before=") || query.length() > "before=".length() + MAX_TOKEN
				|| query.length() == "before=".length()) {
			return null;
		}
		for (int i = "before=".length(); i < query.length(); i++) {
			char c = query.charAt(i);
			if ((c < '0' || c > '9') && c != '-') {
				return null;
			}
		}
		return path + "?" + query;
	}

	@EventListener
	void notesChanged(NotesChanged event) {
		this.generation.incrementAndGet();
	}

	/** The change the notes are at now; a page rendered at an earlier one is stale. */
	long generation() {
		return this.generation.get();
	}

	/**
	 * A page rendered at the current change.
	 * @param key the page's key
	 * @return the page, or {@code null} when it is missing or stale
	 */
	RenderedPage current(String key) {
		RenderedPage page = this.pages.getIfPresent(key);
		return (page != null && page.generation() == this.generation.get()) ? page : null;
	}

	/**
	 * The page as last rendered, current or not: what is served while a new render fails.
	 * @param key the page's key
	 * @return the page, or {@code null} when it was never rendered (or was let go)
	 */
	RenderedPage lastGood(String key) {
		return this.pages.getIfPresent(key);
	}

	/**
	 * Keeps a page as rendered. Its Last-Modified is when its bytes last changed: that of
	 * its previous bytes when they are the same; now (and at least a second after the
	 * previous one) when they changed, which a date in the page may not show (a note
	 * removed from a feed changes none of its notes' dates); and for the first render,
	 * the date its renderer gives (a feed's newest note), or now.
	 * @param key the page's key
	 * @param generation the change it was rendered at, read before rendering
	 * @param body its bytes
	 * @param headers the headers to answer with
	 * @param rendererLastModified the {@code Last-Modified} its renderer gave, or
	 * {@code null}
	 * @param pattern the path pattern of the controller that rendered it, or {@code null}
	 * @return the page
	 */
	RenderedPage store(String key, long generation, byte[] body, List<RenderedPage.Header> headers,
			String rendererLastModified, String pattern) {
		String hash = Sha256.hex(body);
		String etag = "\"" + hash + "\"";
		RenderedPage previous = this.pages.getIfPresent(key);
		Instant now = this.clock.instant();
		Instant modified;
		if (previous == null) {
			Instant given = parse(rendererLastModified);
			modified = (given != null && !given.isAfter(now)) ? given : now;
		}
		else if (previous.etag().equals(etag)) {
			modified = Instant.ofEpochSecond(previous.lastModifiedSeconds());
		}
		else {
			modified = Instant.ofEpochSecond(Math.max(now.getEpochSecond(), previous.lastModifiedSeconds() + 1));
		}
		byte[] gzipped = gzip(body);
		RenderedPage page = new RenderedPage(generation, body, (gzipped.length < body.length) ? gzipped : null, etag,
				"\"" + hash + "-gzip\"", HTTP_DATE.format(modified.atZone(ZoneOffset.UTC)), modified.getEpochSecond(),
				withCacheControl(headers), pattern);
		this.pages.asMap()
			.merge(key, page, (old, rendered) -> (rendered.generation() >= old.generation()) ? rendered : old);
		if (this.failing.remove(key)) {
			log.info("The page " + key + " renders again");
		}
		return page;
	}

	/**
	 * Notes a failed render; the first failure of a page in a row is logged.
	 * @param key the page's key
	 * @param reason what failed
	 */
	void failed(String key, String reason) {
		if (this.failing.add(key)) {
			log.warn("The page " + key + " could not be rendered (" + reason
					+ "); its last good bytes are served until a render succeeds");
		}
	}

	/**
	 * Its hits, misses, evictions and size, as the {@code cache.*} meters tagged
	 * {@code cache=rendered_pages}.
	 */
	@Override
	public void bindTo(MeterRegistry registry) {
		CaffeineCacheMetrics.monitor(registry, this.pages, "rendered_pages");
	}

	/** How many bytes of pages are held, after pending evictions. */
	long weight() {
		this.pages.cleanUp();
		return this.pages.policy().eviction().map((eviction) -> eviction.weightedSize().orElse(0)).orElse(0L);
	}

	/** Pages that say nothing of caching are checked with the server on every use. */
	private static List<RenderedPage.Header> withCacheControl(List<RenderedPage.Header> headers) {
		for (RenderedPage.Header header : headers) {
			if (header.name().equalsIgnoreCase("Cache-Control")) {
				return List.copyOf(headers);
			}
		}
		List<RenderedPage.Header> all = new ArrayList<>(headers);
		all.add(new RenderedPage.Header("Cache-Control", "no-cache"));
		return List.copyOf(all);
	}

	private static Instant parse(String httpDate) {
		if (httpDate == null) {
			return null;
		}
		try {
			return ZonedDateTime.parse(httpDate, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	private static byte[] gzip(byte[] body) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 3 + 64);
		try (GZIPOutputStream gzip = new GZIPOutputStream(out, 8192) {
			{
				this.def.setLevel(Deflater.BEST_COMPRESSION);
			}
		}) {
			gzip.write(body);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

}
