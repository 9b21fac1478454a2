package io.starpunk.media;

import java.util.Locale;

/**
 * The responsive variants made of every stored image, as StarPunk 1.4 makes them:
 * {@code thumb} is a 150 x 150 centre crop; {@code small}, {@code medium} and
 * {@code large} are 320, 640 and 1280 pixels wide, each made only where the original is
 * wider.
 */
enum Variant {

	THUMB(150, true), SMALL(320, false), MEDIUM(640, false), LARGE(1280, false);

	private final int width;

	private final boolean square;

	Variant(int width, boolean square) {
		this.width = width;
		this.square = square;
	}

	/** Its width in pixels (and height, for the square thumb). */
	int width() {
		return this.width;
	}

	/** Whether it is a centre crop to a square rather than the whole image. */
	boolean square() {
		return this.square;
	}

	/** Its name in the database and in its file's name. */
	String key() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * Whether an original this wide gets this variant: the thumb always, the others only
	 * where the original is wider.
	 */
	boolean madeFor(int originalWidth) {
		return this.square || originalWidth > this.width;
	}

	static Variant of(String key) {
		return valueOf(key.toUpperCase(Locale.ROOT));
	}

}
