package io.starpunk.notes;

import java.util.List;

/**
 * Photos a note no longer shows: it was purged, or they were taken out of its
 * {@code photo} property. Published once the change has committed; the files they name
 * may be deleted when no other note shows them.
 *
 * @param urls the photos' URLs
 */
public record PhotosReleased(List<String> urls) {

	public PhotosReleased {
		urls = List.copyOf(urls);
	}

}
