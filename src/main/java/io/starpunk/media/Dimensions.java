package io.starpunk.media;

/**
 * The width and height in pixels an image declares in its header, read before any
 * decoding so that a decoder is never asked to allocate for a file that claims too much.
 *
 * @param width the width in pixels, at least 1
 * @param height the height in pixels, at least 1
 */
record Dimensions(int width, int height) {

	Dimensions {
		if (width < 1 || height < 1) {
			throw new IllegalArgumentException("An image is at least 1 x 1 pixels, not " + width + " x " + height);
		}
	}

	/**
	 * How many pixels a decoder would hold.
	 * @return width times height
	 */
	long pixels() {
		return (long) this.width * this.height;
	}

}
