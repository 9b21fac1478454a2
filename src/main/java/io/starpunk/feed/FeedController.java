package io.starpunk.feed;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import io.starpunk.config.StarpunkSettings;
import io.starpunk.http.DiscoveryLinks;
import io.starpunk.notes.TagNames;

/**
 * The feed URLs. Conditional requests ({@code If-None-Match}, {@code If-Modified-Since})
 * are answered 304 by Spring from the ETag and Last-Modified set here.
 */
@RestController
class FeedController {

	private final Feeds feeds;

	private final StarpunkSettings settings;

	FeedController(Feeds feeds, StarpunkSettings settings) {
		this.feeds = feeds;
		this.settings = settings;
	}

	@GetMapping("/feed.xml")
	ResponseEntity<byte[]> showRss() {
		return serve(FeedFormat.RSS, false, this.settings.url("feed.xml"));
	}

	@GetMapping("/feed.rss")
	ResponseEntity<byte[]> showRssByItsOtherName() {
		return serve(FeedFormat.RSS, false, this.settings.url("feed.rss"));
	}

	@GetMapping("/feed.atom")
	ResponseEntity<byte[]> showAtom() {
		return serve(FeedFormat.ATOM, false, this.settings.url("feed.atom"));
	}

	@GetMapping("/feed.json")
	ResponseEntity<byte[]> showJsonFeed() {
		return serve(FeedFormat.JSON, false, this.settings.url("feed.json"));
	}

	@GetMapping("/feed")
	ResponseEntity<?> showNegotiatedFeed(@RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
		return FeedNegotiation.choose(accept)
			.<ResponseEntity<?>>map((format) -> serve(format, true, this.settings.url("feed")))
			.orElseGet(this::noAcceptableFeed);
	}

	@GetMapping({ "/tags/{tag}/feed.xml", "/tags/{tag}/feed.rss" })
	ResponseEntity<byte[]> showTagRss(@PathVariable String tag) {
		return serveTag(tag, FeedFormat.RSS);
	}

	@GetMapping("/tags/{tag}/feed.atom")
	ResponseEntity<byte[]> showTagAtom(@PathVariable String tag) {
		return serveTag(tag, FeedFormat.ATOM);
	}

	@GetMapping("/tags/{tag}/feed.json")
	ResponseEntity<byte[]> showTagJsonFeed(@PathVariable String tag) {
		return serveTag(tag, FeedFormat.JSON);
	}

	/** A tag's feed; 404 for a tag no public note has, 301 from another spelling. */
	private ResponseEntity<byte[]> serveTag(String tag, FeedFormat format) {
		String name = TagNames.normalise(tag);
		if (!name.equals(tag) && !name.isEmpty()) {
			return ResponseEntity.status(HttpStatus.MOVED_PERMANENTLY)
				.location(this.settings.url("tags", name, format.path()))
				.build();
		}
		return this.feeds.tag(tag, format)
			.map((feed) -> serve(feed, false, this.settings.url("tags", tag, format.path())))
			.orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).build());
	}

	private ResponseEntity<byte[]> serve(FeedFormat format, boolean negotiated, URI self) {
		return serve(this.feeds.get(format), negotiated, self);
	}

	/**
	 * A feed; with {@code WEBSUB_HUB} set, with {@code Link} headers naming its hubs and
	 * itself ({@code self}, the URL it was asked for), for WebSub subscribers.
	 */
	private ResponseEntity<byte[]> serve(RenderedFeed feed, boolean negotiated, URI self) {
		FeedFormat format = feed.format();
		ResponseEntity.BodyBuilder response = ResponseEntity.ok()
			.contentType(format.contentType())
			.eTag(feed.etag())
			.lastModified(feed.lastModified())
			.cacheControl(CacheControl.maxAge(Duration.ofSeconds(this.settings.feedCacheSeconds())).cachePublic());
		if (negotiated) {
			response.varyBy(HttpHeaders.ACCEPT);
		}
		List<DiscoveryLinks.Link> websub = DiscoveryLinks.websub(this.settings.conversations().websubHubs(), self);
		if (!websub.isEmpty()) {
			response.header(HttpHeaders.LINK, DiscoveryLinks.header(websub));
		}
		return response.body(feed.body());
	}

	private ResponseEntity<String> noAcceptableFeed() {
		String body = """
				No feed format matches your Accept header. This site has:
				  RSS 2.0        %s  (application/rss+xml)
				  Atom 1.0       %s  (application/atom+xml)
				  JSON Feed 1.1  %s  (application/feed+json)
				""".formatted(this.settings.url(FeedFormat.RSS.path()), this.settings.url(FeedFormat.ATOM.path()),
				this.settings.url(FeedFormat.JSON.path()));
		return ResponseEntity.status(HttpStatus.NOT_ACCEPTABLE)
			.varyBy(HttpHeaders.ACCEPT)
			.contentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8))
			.body(body);
	}

}
