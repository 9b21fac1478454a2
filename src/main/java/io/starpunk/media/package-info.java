/**
 * Uploaded media: image files kept under {@code DATA_PATH/media}, their type decided by
 * their bytes, and served back with that exact type.
 */
package io.starpunk.media;
