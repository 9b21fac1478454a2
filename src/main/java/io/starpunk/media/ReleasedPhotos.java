package io.starpunk.media;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.starpunk.notes.PhotosReleased;

/**
 * Deletes this site's stored images, variants included, once no note shows them any more
 * (a note was purged, or a photo was taken out of it). An image another note still shows,
 * drafts and deleted notes included, stays; so does any URL that is not one of this
 * site's stored images.
 */
@Component
class ReleasedPhotos {

	private static final Log log = LogFactory.getLog(ReleasedPhotos.class);

	private final MediaStore store;

	private final MediaRepository media;

	ReleasedPhotos(MediaStore store, MediaRepository media) {
		this.store = store;
		this.media = media;
	}

	@EventListener
	void released(PhotosReleased event) {
		for (String url : event.urls()) {
			this.store.pathOf(url).ifPresent((path) -> {
				if (this.media.shownByANote(url)) {
					log.debug("Keeping " + path + ": another note shows it");
				}
				else {
					this.store.delete(path);
				}
			});
		}
	}

}
