package io.starpunk.rendered;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;

import io.starpunk.notes.NotesChanged;
import io.starpunk.support.MovableClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which requests are answered from rendered bytes, how a client's conditions and codings
 * are read, and what the store keeps.
 */
class RenderedPagesTests {

	private final MovableClock clock = new MovableClock(Instant.parse("2026-03-01T10:00:00Z"));

	private final RenderedPages pages = new RenderedPages(this.clock);

	@Test
	void keysArePublicPagesAndFeedsOnly() {
		assertThat(RenderedPages.key("/", null)).isEqualTo("/");
		assertThat(RenderedPages.key("/", "before=1732470000-42")).isEqualTo("/?before=1732470000-42");
		assertThat(RenderedPages.key("/", "before=-46388131200-7")).isEqualTo("/?before=-46388131200-7");
		assertThat(RenderedPages.key("/notes/hello-world", null)).isEqualTo("/notes/hello-world");
		assertThat(RenderedPages.key("/tags", null)).isEqualTo("/tags");
		assertThat(RenderedPages.key("/tags/caf%C3%A9", null)).isEqualTo("/tags/caf%C3%A9");
		assertThat(RenderedPages.key("/tags/coffee", "before=5-1")).isEqualTo("/tags/coffee?before=5-1");
		for (String feed : List.of("/feed.xml", "/feed.rss", "/feed.atom", "/feed.json", "/tags/coffee/feed.xml",
				"/tags/coffee/feed.rss", "/tags/coffee/feed.atom", "/tags/coffee/feed.json")) {
			assertThat(RenderedPages.key(feed, null)).isEqualTo(feed);
			assertThat(RenderedPages.key(feed, "x=1")).isNull();
		}
		for (String other : List.of("/feed", "/search", "/admin", "/admin/new", "/notes/", "/notes/a/b", "/tags/",
				"/tags//feed.xml", "/tags/a/b", "/tags/a/feed.html", "/media/a.jpg", "/health", "/micropub",
				"/auth/authorize", "/notes/a;jsessionid=1", "/css/site.css", "/favicon.ico")) {
			assertThat(RenderedPages.key(other, null)).as(other).isNull();
		}
		assertThat(RenderedPages.key("/", "before=")).isNull();
		assertThat(RenderedPages.key("/", "before=12a")).isNull();
		assertThat(RenderedPages.key("/", "utm_source=x")).isNull();
		assertThat(RenderedPages.key("/", "before=1-2&x=3")).isNull();
		assertThat(RenderedPages.key("/", "before=" + "1".repeat(41))).isNull();
		assertThat(RenderedPages.key("/notes/a", "before=1-2")).isNull();
	}

	@Test
	void gzipIsTakenWhenNamedOrStarredAboveZero() {
		assertThat(RenderedPageFilter.acceptsGzip("gzip")).isTrue();
		assertThat(RenderedPageFilter.acceptsGzip("gzip, deflate, br")).isTrue();
		assertThat(RenderedPageFilter.acceptsGzip("br;q=1.0, GZIP;q=0.5")).isTrue();
		assertThat(RenderedPageFilter.acceptsGzip("x-gzip")).isTrue();
		assertThat(RenderedPageFilter.acceptsGzip("*")).isTrue();
		assertThat(RenderedPageFilter.acceptsGzip(null)).isFalse();
		assertThat(RenderedPageFilter.acceptsGzip("")).isFalse();
		assertThat(RenderedPageFilter.acceptsGzip("identity")).isFalse();
		assertThat(RenderedPageFilter.acceptsGzip("br, deflate")).isFalse();
		assertThat(RenderedPageFilter.acceptsGzip("gzip;q=0")).isFalse();
		assertThat(RenderedPageFilter.acceptsGzip("gzip;q=0.000")).isFalse();
		assertThat(RenderedPageFilter.acceptsGzip("*, gzip;q=0")).isFalse();
		assertThat(RenderedPageFilter.acceptsGzip("gzip;q=nonsense")).isFalse();
		assertThat(RenderedPageFilter.acceptsGzip("*;q=0")).isFalse();
	}

	@Test
	void aPageIsCurrentUntilTheNextChange() {
		RenderedPage page = this.pages.store("/", this.pages.generation(), html("one"), List.of(), null, null);
		assertThat(this.pages.current("/")).isSameAs(page);
		this.pages.notesChanged(new NotesChanged(this.clock.instant()));
		assertThat(this.pages.current("/")).isNull();
		assertThat(this.pages.lastGood("/")).isSameAs(page);
	}

	@Test
	void aRenderFromBeforeAChangeNeverReplacesOneFromAfterIt() {
		long before = this.pages.generation();
		this.pages.notesChanged(new NotesChanged(this.clock.instant()));
		RenderedPage after = this.pages.store("/", this.pages.generation(), html("after"), List.of(), null, null);
		this.pages.store("/", before, html("before"), List.of(), null, null);
		assertThat(this.pages.current("/")).isSameAs(after);
	}

	@Test
	void lastModifiedStaysWhileTheBytesStayTheSame() {
		RenderedPage first = this.pages.store("/", this.pages.generation(), html("same"), List.of(), null, null);
		assertThat(first.lastModified()).isEqualTo("Sun, 01 Mar 2026 10:00:00 GMT");
		this.clock.move(Duration.ofMinutes(5));
		this.pages.notesChanged(new NotesChanged(this.clock.instant()));
		RenderedPage same = this.pages.store("/", this.pages.generation(), html("same"), List.of(), null, null);
		assertThat(same.lastModified()).isEqualTo(first.lastModified());
		this.pages.notesChanged(new NotesChanged(this.clock.instant()));
		RenderedPage changed = this.pages.store("/", this.pages.generation(), html("changed"), List.of(), null, null);
		assertThat(changed.lastModified()).isEqualTo("Sun, 01 Mar 2026 10:05:00 GMT");
		this.pages.notesChanged(new NotesChanged(this.clock.instant()));
		RenderedPage again = this.pages.store("/", this.pages.generation(), html("changed again"), List.of(), null,
				null);
		assertThat(again.lastModified()).as("a second later at least").isEqualTo("Sun, 01 Mar 2026 10:05:01 GMT");
		RenderedPage feed = this.pages.store("/feed.xml", this.pages.generation(), html("feed"), List.of(),
				"Tue, 03 Feb 2026 08:09:10 GMT", null);
		assertThat(feed.lastModified()).as("the renderer's date, the first time")
			.isEqualTo("Tue, 03 Feb 2026 08:09:10 GMT");
		RenderedPage feedChanged = this.pages.store("/feed.xml", this.pages.generation(), html("feed, one note less"),
				List.of(), "Tue, 03 Feb 2026 08:09:10 GMT", null);
		assertThat(feedChanged.lastModified()).as("new bytes move it on, whatever the renderer says")
			.isEqualTo("Sun, 01 Mar 2026 10:05:00 GMT");
		RenderedPage future = this.pages.store("/feed.json", this.pages.generation(), html("feed"), List.of(),
				"Tue, 03 Feb 2099 08:09:10 GMT", null);
		assertThat(future.lastModified()).as("never in the future").isEqualTo("Sun, 01 Mar 2026 10:05:00 GMT");
	}

	@Test
	void pagesThatSayNothingOfCachingAreRevalidatedAndOthersKeepTheirs() {
		RenderedPage page = this.pages.store("/", 1, html("a"),
				List.of(new RenderedPage.Header("Content-Type", "text/html")), null, null);
		assertThat(page.headers()).contains(new RenderedPage.Header("Cache-Control", "no-cache"));
		RenderedPage feed = this.pages.store("/feed.xml", 1, html("b"),
				List.of(new RenderedPage.Header("Cache-Control", "max-age=300, public")), null, null);
		assertThat(feed.headers()).containsExactly(new RenderedPage.Header("Cache-Control", "max-age=300, public"));
	}

	@Test
	void incompressibleBytesAreServedPlainOnly() {
		byte[] noise = new byte[4096];
		new Random(7).nextBytes(noise);
		assertThat(this.pages.store("/noise", 1, noise, List.of(), null, null).gzipped()).isNull();
		assertThat(this.pages.store("/", 1, html("x".repeat(4096)), List.of(), null, null).gzipped()).isNotNull();
	}

	@Test
	void theStoreIsBoundedByTheBytesItHolds() {
		byte[] noise = new byte[1024 * 1024];
		new Random(11).nextBytes(noise);
		for (int i = 0; i < 40; i++) {
			this.pages.store("/notes/n" + i, 1, noise.clone(), List.of(), null, null);
		}
		assertThat(this.pages.weight()).isPositive().isLessThanOrEqualTo(RenderedPages.MAX_BYTES);
	}

	@Test
	void aCurrentCopyIsKnownByEitherTagOrByDate() {
		RenderedPage page = this.pages.store("/", 1, html("page"), List.of(), null, null);
		assertThat(RenderedPageFilter.notModified(page, request("If-None-Match", page.etag()))).isTrue();
		assertThat(RenderedPageFilter.notModified(page, request("If-None-Match", page.gzipEtag()))).isTrue();
		assertThat(RenderedPageFilter.notModified(page, request("If-None-Match", "W/" + page.etag()))).isTrue();
		assertThat(RenderedPageFilter.notModified(page, request("If-None-Match", "*"))).isTrue();
		assertThat(RenderedPageFilter.notModified(page, request("If-None-Match", "\"abc\""))).isFalse();
		assertThat(RenderedPageFilter.notModified(page, request("If-Modified-Since", page.lastModified()))).isTrue();
		assertThat(RenderedPageFilter.notModified(page, request("If-Modified-Since", "Sun, 01 Mar 2026 09:59:59 GMT")))
			.isFalse();
		assertThat(RenderedPageFilter.notModified(page, request("If-Modified-Since", "yesterday"))).isFalse();
		assertThat(RenderedPageFilter.notModified(page, request())).isFalse();
	}

	private static MockHttpServletRequest request(String... headers) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/");
		for (int i = 0; i < headers.length; i += 2) {
			request.addHeader(headers[i], headers[i + 1]);
		}
		return request;
	}

	private static byte[] html(String text) {
		return ("<!DOCTYPE html><p>" + text + "</p>").getBytes(StandardCharsets.UTF_8);
	}

}
