package io.starpunk.support;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

import javax.imageio.ImageIO;

/**
 * Tiny real images, written by {@link ImageIO}, and a real WebP from the test resources
 * (ImageIO cannot write one).
 */
public final class TestImages {

	private TestImages() {
	}

	public static byte[] png() {
		return write("png");
	}

	public static byte[] jpeg() {
		return write("jpg");
	}

	public static byte[] gif() {
		return write("gif");
	}

	/** A real lossy WebP, 64 x 48, made with libwebp (ImageIO cannot write WebP). */
	public static byte[] webp() {
		try (var in = TestImages.class.getResourceAsStream("/media/lossy.webp")) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * An image grown to an exact length with bytes after its end, which readers ignore.
	 * @param image the image
	 * @param length the length wanted, at least the image's
	 * @return the padded image
	 */
	public static byte[] padded(byte[] image, int length) {
		return Arrays.copyOf(image, length);
	}

	/**
	 * An image file of a chosen colour, so that two uploads differ.
	 * @param format an ImageIO format name: {@code jpg}, {@code png} or {@code gif}
	 * @param color its fill colour
	 * @return the file's bytes
	 */
	public static byte[] painted(String format, Color color) {
		BufferedImage image = new BufferedImage(16, 12,
				"png".equals(format) ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
		Graphics2D graphics = image.createGraphics();
		graphics.setColor(color);
		graphics.fillRect(0, 0, 16, 12);
		graphics.setColor(Color.WHITE);
		graphics.fillRect(4, 4, 6, 3);
		graphics.dispose();
		return write(image, format);
	}

	private static byte[] write(String format) {
		BufferedImage image = new BufferedImage(4, 3, BufferedImage.TYPE_INT_RGB);
		image.setRGB(1, 1, Color.ORANGE.getRGB());
		return write(image, format);
	}

	private static byte[] write(BufferedImage image, String format) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			if (!ImageIO.write(image, format, out)) {
				throw new IllegalStateException("No ImageIO writer for " + format);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

}
