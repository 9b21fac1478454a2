package io.starpunk.media;

import java.net.URI;

/**
 * A file the media endpoint keeps.
 *
 * @param path where it lies, relative to {@code DATA_PATH}
 * ({@code media/YYYY/MM/<name>.<ext>})
 * @param type its image type, decided from its bytes
 * @param size its length in bytes
 * @param url its absolute public URL
 */
public record StoredMedia(String path, ImageType type, long size, URI url) {

}
