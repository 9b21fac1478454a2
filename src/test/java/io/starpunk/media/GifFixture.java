package io.starpunk.media;

import java.awt.Graphics2D;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

/**
 * The GIF side of {@link TestImages}: writes GIFs (one frame or an endless animation)
 * through javax.imageio on a fixed 216-colour palette, and adds a comment, XMP and ICC
 * extensions to them by hand. Tests use {@link TestImages}, not this.
 */
final class GifFixture {

	private GifFixture() {
	}

	static byte[] withMetadata(byte[] gif) {
		int afterScreen = 13 + colourTableBytes(gif[10]);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(gif, 0, afterScreen);
		comment(out, TestImages.COMMENT);
		out.writeBytes(new byte[] { 0x21, (byte) 0xFF, 11 });
		out.writeBytes(ascii("XMP DataXMP"));
		out.writeBytes(utf8(TestImages.xmpPacket())); // raw: XMP's "magic trailer" ends
														// the
		// sub-blocks
		out.write(1);
		for (int value = 0xFF; value >= 0; value--) {
			out.write(value);
		}
		out.write(0);
		out.writeBytes(new byte[] { 0x21, (byte) 0xFF, 11 });
		out.writeBytes(ascii("ICCRGBG1012"));
		subBlocks(out, ICC_Profile.getInstance(ColorSpace.CS_LINEAR_RGB).getData());
		out.write(gif, afterScreen, gif.length - afterScreen - 1);
		comment(out, "The end");
		out.write(0x3B);
		return out.toByteArray();
	}

	private static void comment(ByteArrayOutputStream out, String text) {
		out.write(0x21);
		out.write(0xFE);
		subBlocks(out, ascii(text));
	}

	private static void subBlocks(ByteArrayOutputStream out, byte[] data) {
		for (int i = 0; i < data.length; i += 255) {
			int length = Math.min(255, data.length - i);
			out.write(length);
			out.write(data, i, length);
		}
		out.write(0);
	}

	static int colourTableBytes(byte packed) {
		return ((packed & 0x80) != 0) ? 3 * (1 << ((packed & 0x07) + 1)) : 0;
	}

	static BufferedImage indexed(BufferedImage rgb) {
		byte[] r = new byte[256];
		byte[] g = new byte[256];
		byte[] b = new byte[256];
		for (int i = 0; i < 216; i++) {
			r[i] = (byte) (i / 36 * 51);
			g[i] = (byte) (i / 6 % 6 * 51);
			b[i] = (byte) (i % 6 * 51);
		}
		BufferedImage indexed = new BufferedImage(rgb.getWidth(), rgb.getHeight(), BufferedImage.TYPE_BYTE_INDEXED,
				new IndexColorModel(8, 256, r, g, b));
		Graphics2D graphics = indexed.createGraphics();
		graphics.drawImage(rgb, 0, 0, null);
		graphics.dispose();
		return indexed;
	}

	static byte[] write(List<BufferedImage> frames, boolean animate) {
		ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
			writer.setOutput(out);
			writer.prepareWriteSequence(null);
			boolean first = true;
			for (BufferedImage frame : frames) {
				IIOMetadata metadata = writer.getDefaultImageMetadata(new ImageTypeSpecifier(frame), null);
				if (animate) {
					animation(metadata, first);
				}
				writer.writeToSequence(new IIOImage(frame, null, metadata), null);
				first = false;
			}
			writer.endWriteSequence();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			writer.dispose();
		}
		return bytes.toByteArray();
	}

	private static void animation(IIOMetadata metadata, boolean first) throws IOException {
		String format = metadata.getNativeMetadataFormatName();
		IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree(format);
		IIOMetadataNode control = new IIOMetadataNode("GraphicControlExtension");
		control.setAttribute("disposalMethod", "none");
		control.setAttribute("userInputFlag", "FALSE");
		control.setAttribute("transparentColorFlag", "FALSE");
		control.setAttribute("delayTime", "10");
		control.setAttribute("transparentColorIndex", "0");
		root.appendChild(control);
		if (first) {
			IIOMetadataNode applications = new IIOMetadataNode("ApplicationExtensions");
			IIOMetadataNode loop = new IIOMetadataNode("ApplicationExtension");
			loop.setAttribute("applicationID", "NETSCAPE");
			loop.setAttribute("authenticationCode", "2.0");
			loop.setUserObject(new byte[] { 1, 0, 0 });
			applications.appendChild(loop);
			root.appendChild(applications);
		}
		metadata.setFromTree(format, root);
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
