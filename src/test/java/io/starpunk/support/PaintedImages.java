package io.starpunk.support;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import javax.imageio.ImageIO;

/**
 * Small real images of a chosen colour, written by ImageIO, so that two uploads differ.
 */
public final class PaintedImages {

	private PaintedImages() {
	}

	/**
	 * An image file.
	 * @param format an ImageIO format name: {@code jpg}, {@code png} or {@code gif}
	 * @param color its fill colour, so that two images differ
	 * @return the file's bytes
	 */
	public static byte[] image(String format, Color color) {
		BufferedImage image = new BufferedImage(16, 12,
				"png".equals(format) ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
		Graphics2D graphics = image.createGraphics();
		graphics.setColor(color);
		graphics.fillRect(0, 0, 16, 12);
		graphics.setColor(Color.WHITE);
		graphics.fillRect(4, 4, 6, 3);
		graphics.dispose();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			if (!ImageIO.write(image, format, out)) {
				throw new IllegalStateException("ImageIO cannot write " + format);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	public static byte[] jpeg(Color color) {
		return image("jpg", color);
	}

}
