package io.starpunk.media;

/**
 * What a page or a feed needs to show a stored image well.
 *
 * @param src the original's URL
 * @param width the original's width in pixels
 * @param height the original's height in pixels
 * @param srcset the {@code srcset} of its widths (variants and original, narrowest
 * first), or {@code null} when it has no variant to offer
 * @param feedSrc what a feed carries: the {@code large} variant, or the original when it
 * is not wider than that
 * @param feedWidth its width
 * @param feedHeight its height
 * @param feedType its exact content type
 * @param feedBytes its length in bytes
 */
public record ResponsiveImage(String src, int width, int height, String srcset, String feedSrc, int feedWidth,
		int feedHeight, String feedType, long feedBytes) {

}
