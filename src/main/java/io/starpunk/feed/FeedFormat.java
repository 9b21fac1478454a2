package io.starpunk.feed;

import org.springframework.http.MediaType;

/**
 * The feeds the site serves, each with the content type it is sent as.
 */
enum FeedFormat {

	RSS("application/rss+xml;charset=UTF-8", "feed.xml"),

	ATOM("application/atom+xml;charset=UTF-8", "feed.atom"),

	JSON("application/feed+json;charset=UTF-8", "feed.json");

	private final MediaType contentType;

	private final String path;

	FeedFormat(String contentType, String path) {
		this.contentType = MediaType.parseMediaType(contentType);
		this.path = path;
	}

	MediaType contentType() {
		return this.contentType;
	}

	/** The path of this feed below the site URL. */
	String path() {
		return this.path;
	}

}
