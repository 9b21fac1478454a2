package io.starpunk.feed;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import io.starpunk.http.PathErrors;

/**
 * A feed that cannot be read from the database just now is answered to feed readers in
 * plain text, not in the site's HTML: 503, with the {@code Retry-After} the error page
 * sets. Other errors of the feed addresses are the site's pages.
 */
@Component
class FeedErrors implements PathErrors {

	@Override
	public Optional<ResponseEntity<?>> answer(String path, HttpStatus status) {
		if (status != HttpStatus.SERVICE_UNAVAILABLE || !isFeed(path)) {
			return Optional.empty();
		}
		return Optional.of(ResponseEntity.status(status)
			.contentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8))
			.cacheControl(CacheControl.noStore())
			.body("This feed cannot be read just now. Try again in a few seconds.\n"));
	}

	/** {@code /feed}, {@code /feed.*} and {@code /tags/<tag>/feed.*}. */
	static boolean isFeed(String path) {
		String last = path.substring(path.lastIndexOf('/') + 1);
		boolean feedName = last.equals("feed") || last.startsWith("feed.");
		return feedName && (path.equals("/" + last) || (path.startsWith("/tags/") && !last.equals("feed")));
	}

}
