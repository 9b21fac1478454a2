package io.starpunk.support;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import javax.imageio.ImageIO;

/**
 * Tiny real images, written by {@link ImageIO}, and a minimal WebP (which ImageIO cannot
 * write): a RIFF header, {@code WEBP} and one lossless chunk.
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

	public static byte[] webp() {
		byte[] chunk = { 'V', 'P', '8', 'L', 5, 0, 0, 0, 0x2F, 0, 0, 0, 0, 0 };
		byte[] riff = new byte[12 + chunk.length];
		System.arraycopy("RIFF".getBytes(StandardCharsets.US_ASCII), 0, riff, 0, 4);
		int size = 4 + chunk.length;
		riff[4] = (byte) size;
		riff[5] = (byte) (size >> 8);
		System.arraycopy("WEBP".getBytes(StandardCharsets.US_ASCII), 0, riff, 8, 4);
		System.arraycopy(chunk, 0, riff, 12, chunk.length);
		return riff;
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
