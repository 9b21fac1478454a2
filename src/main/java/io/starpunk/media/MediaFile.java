package io.starpunk.media;

import java.time.Instant;

/**
 * A row of {@code media}.
 *
 * @param id its id
 * @param path the file, relative to {@code DATA_PATH}
 * ({@code media/YYYY/MM/<name>.<ext>})
 * @param contentType the exact type it is served with
 * @param size its length in bytes
 * @param contentHash the SHA-256 hex of its bytes, also its ETag
 * @param createdAt when it was uploaded
 */
record MediaFile(long id, String path, String contentType, long size, String contentHash, Instant createdAt) {

}
