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
 * @param width its width in pixels, or {@code null} when unknown
 * @param height its height in pixels, or {@code null} when unknown
 * @param originalId for a variant, its original's id; {@code null} for an original
 * @param variant for a variant, which ({@code thumb}, {@code small}, {@code medium},
 * {@code large}); {@code null} for an original
 */
record MediaFile(long id, String path, String contentType, long size, String contentHash, Instant createdAt,
		Integer width, Integer height, Long originalId, String variant) {

}
