package io.starpunk.media;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Decoding for tests: every frame of a file through javax.imageio (with TwelveMonkeys for
 * WebP), and pixel-for-pixel comparison.
 */
final class ImageAssertions {

	private ImageAssertions() {
	}

	/**
	 * Every frame of an image, decoded.
	 * @param image the file
	 * @return its frames, in order
	 */
	static List<BufferedImage> frames(byte[] image) {
		try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(image))) {
			Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
			assertThat(readers.hasNext()).as("an ImageIO reader for the file").isTrue();
			ImageReader reader = readers.next();
			try {
				reader.setInput(in);
				int count = reader.getNumImages(true);
				List<BufferedImage> frames = new ArrayList<>();
				for (int i = 0; i < count; i++) {
					frames.add(reader.read(i));
				}
				return frames;
			}
			finally {
				reader.dispose();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Asserts two files decode to the same frames, pixel for pixel (ARGB).
	 * @param actual the file under test
	 * @param expected the reference file
	 */
	static void assertSamePixels(byte[] actual, byte[] expected) {
		List<BufferedImage> actualFrames = frames(actual);
		List<BufferedImage> expectedFrames = frames(expected);
		assertThat(actualFrames).as("frames").hasSameSizeAs(expectedFrames).isNotEmpty();
		for (int i = 0; i < expectedFrames.size(); i++) {
			assertThat(argb(actualFrames.get(i))).as("pixels of frame " + i).isEqualTo(argb(expectedFrames.get(i)));
		}
	}

	private static int[] argb(BufferedImage image) {
		return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
	}

}
