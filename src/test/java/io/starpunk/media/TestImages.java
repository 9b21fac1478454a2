package io.starpunk.media;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

import javax.imageio.ImageIO;

/**
 * Images for tests, built in memory: what a phone or an editor really uploads (pixels
 * with structure, plus EXIF with a GPS position, XMP, IPTC, ICC and comments, each marked
 * with a string a test can search the bytes for), the same images clean, the committed
 * WebP fixtures, and "bombs" whose headers claim far more pixels than their bytes hold.
 * <p>
 * Every picture has a red block in its top-left tenth on a blue-green gradient, so a test
 * can tell whether an orientation was applied by finding where the red went.
 */
final class TestImages {

	/** The camera make in every EXIF block here. */
	static final String MAKE = "StarPunk Phones";

	/** The camera model in every EXIF block here. */
	static final String MODEL = "StarPhone 15 Pro";

	/** The city in every XMP packet here ({@code photoshop:City}). */
	static final String XMP_CITY = "Secret Town";

	/** The GPS latitude element of every XMP packet here. */
	static final String XMP_GPS = "<exif:GPSLatitude>51,30.042N</exif:GPSLatitude>";

	/** The city in every IPTC block here (dataset 2:90). */
	static final String IPTC_CITY = "Hidden Hamlet";

	/** The text of every comment (JPEG COM, GIF comment, PNG tEXt) here. */
	static final String COMMENT = "Taken at home";

	/** The red of the marker block in the top-left tenth of every picture. */
	static final Color MARKER = Color.RED;

	/** A lossy, opaque, simple-format WebP (one VP8 chunk), 64 x 48. */
	static final String WEBP_LOSSY = "lossy.webp";

	/** A lossless WebP with alpha, simple format (one VP8L chunk), 64 x 48. */
	static final String WEBP_LOSSLESS_ALPHA = "lossless-alpha.webp";

	/**
	 * An extended WebP (VP8X, ALPH, VP8) with EXIF (GPS), XMP and ICCP chunks, 64 x 48.
	 */
	static final String WEBP_EXTENDED_METADATA = "extended-metadata.webp";

	/** An animated WebP (VP8X, ANIM, 3 ANMF frames) with EXIF and XMP chunks, 32 x 24. */
	static final String WEBP_ANIMATED_METADATA = "animated-metadata.webp";

	/** {@link #WEBP_EXTENDED_METADATA} before webpmux added its metadata. */
	static final String WEBP_EXTENDED_CLEAN = "extended-clean.webp";

	/** {@link #WEBP_ANIMATED_METADATA} before webpmux added its metadata. */
	static final String WEBP_ANIMATED_CLEAN = "animated-clean.webp";

	private TestImages() {
	}

	/**
	 * The picture every image here shows: a blue-green gradient with a red block over its
	 * top-left tenth (at least 1 x 1 pixel).
	 * @param width the width
	 * @param height the height
	 * @return a new RGB image
	 */
	static BufferedImage picture(int width, int height) {
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		for (int y = 0; y < height; y++) {
			for (int x = 0; x < width; x++) {
				int green = 40 + 180 * x / Math.max(1, width - 1);
				int blue = 40 + 180 * y / Math.max(1, height - 1);
				image.setRGB(x, y, (green << 8) | blue);
			}
		}
		Graphics2D graphics = image.createGraphics();
		graphics.setColor(MARKER);
		graphics.fillRect(0, 0, Math.max(1, width / 10), Math.max(1, height / 10));
		graphics.dispose();
		return image;
	}

	/**
	 * A JPEG as a phone writes it: no JFIF, but APP1 EXIF (Make, Model, Orientation, an
	 * Exif IFD and a GPS IFD at 51.5007 N, 0.1246 W), APP1 XMP (with {@link #XMP_GPS} and
	 * {@link #XMP_CITY}), APP13 Photoshop/IPTC (with {@link #IPTC_CITY}) and a COM
	 * comment ({@link #COMMENT}). The pixels are stored as given: the orientation tag
	 * says how to turn them, it does not turn them.
	 * @param width the stored width
	 * @param height the stored height
	 * @param orientation the EXIF orientation, 1 to 8
	 * @return the file
	 */
	static byte[] phoneJpeg(int width, int height, int orientation) {
		byte[] jpeg = plainJpeg(width, height);
		int rest = 2;
		if ((jpeg[2] & 0xFF) == 0xFF && (jpeg[3] & 0xFF) == 0xE0) {
			rest = 4 + (((jpeg[4] & 0xFF) << 8) | (jpeg[5] & 0xFF)); // drop JFIF APP0
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(0xFF);
		out.write(0xD8);
		segment(out, 0xE1, concat(ascii("Exif\0\0"), TiffFixture.exif(orientation)));
		segment(out, 0xE1, concat(ascii("http://ns.adobe.com/xap/1.0/\0"), utf8(xmpPacket())));
		segment(out, 0xED, photoshopIptc());
		segment(out, 0xFE, ascii(COMMENT));
		out.write(jpeg, rest, jpeg.length - rest);
		return out.toByteArray();
	}

	/**
	 * A JPEG of {@link #picture} as javax.imageio writes it: JFIF, no metadata.
	 * @param width the width
	 * @param height the height
	 * @return the file
	 */
	static byte[] plainJpeg(int width, int height) {
		return write(picture(width, height), "jpeg");
	}

	/**
	 * A PNG with a {@code tEXt} comment ({@link #COMMENT}), an {@code iTXt} XMP packet
	 * ({@code XML:com.adobe.xmp}) and an {@code eXIf} chunk with the GPS IFD, all before
	 * the image data.
	 * @param width the width
	 * @param height the height
	 * @return the file
	 */
	static byte[] pngWithText(int width, int height) {
		byte[] png = plainPng(width, height);
		int afterHeader = 8 + 8 + 13 + 4; // signature, IHDR
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(png, 0, afterHeader);
		pngChunk(out, "tEXt", concat(ascii("Comment\0"), ascii(COMMENT)));
		pngChunk(out, "iTXt", concat(ascii("XML:com.adobe.xmp\0\0\0\0\0"), utf8(xmpPacket())));
		pngChunk(out, "eXIf", TiffFixture.exif(1));
		out.write(png, afterHeader, png.length - afterHeader);
		return out.toByteArray();
	}

	/**
	 * A PNG of {@link #picture} as javax.imageio writes it, with no metadata.
	 * @param width the width
	 * @param height the height
	 * @return the file
	 */
	static byte[] plainPng(int width, int height) {
		return write(picture(width, height), "png");
	}

	/**
	 * A one-frame GIF89a with a comment extension ({@link #COMMENT}), an XMP application
	 * extension ({@code XMP DataXMP}, with {@link #XMP_CITY}) and an ICC profile
	 * extension ({@code ICCRGBG1012}) before its image.
	 * @param width the width
	 * @param height the height
	 * @return the file
	 */
	static byte[] gif(int width, int height) {
		return GifFixture.withMetadata(plainGif(width, height));
	}

	/**
	 * A one-frame GIF of {@link #picture} as javax.imageio writes it, on a 216-colour
	 * palette, with no metadata.
	 * @param width the width
	 * @param height the height
	 * @return the file
	 */
	static byte[] plainGif(int width, int height) {
		return GifFixture.write(List.of(GifFixture.indexed(picture(width, height))), false);
	}

	/**
	 * An animated GIF, 32 x 24, looping forever (NETSCAPE2.0), 100 ms a frame, each frame
	 * the picture with its red block moved right, with the comment, XMP and ICC
	 * extensions of {@link #gif} and a second comment before the trailer.
	 * @param frames how many frames, at least 2
	 * @return the file
	 */
	static byte[] animatedGif(int frames) {
		return GifFixture.withMetadata(plainAnimatedGif(frames));
	}

	/**
	 * The animation of {@link #animatedGif} as javax.imageio writes it, with no metadata.
	 * @param frames how many frames, at least 2
	 * @return the file
	 */
	static byte[] plainAnimatedGif(int frames) {
		List<BufferedImage> images = new ArrayList<>();
		for (int frame = 0; frame < frames; frame++) {
			BufferedImage image = picture(32, 24);
			Graphics2D graphics = image.createGraphics();
			graphics.setColor(MARKER);
			graphics.fillRect(4 * frame, 10, 4, 4);
			graphics.dispose();
			images.add(GifFixture.indexed(image));
		}
		return GifFixture.write(images, true);
	}

	/**
	 * One of the committed WebP fixtures in {@code src/test/resources/media} (see its
	 * README.txt).
	 * @param name one of the {@code WEBP_} names
	 * @return the file
	 */
	static byte[] webp(String name) {
		try (InputStream in = TestImages.class.getResourceAsStream("/media/" + name)) {
			if (in == null) {
				throw new IllegalArgumentException("No WebP fixture " + name);
			}
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A tiny PNG whose valid IHDR (correct CRC) claims 100000 x 100000 RGB pixels,
	 * followed by a tiny IDAT and IEND.
	 * @return the file
	 */
	static byte[] pngBomb() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes(new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' });
		pngChunk(out, "IHDR",
				ByteBuffer.allocate(13)
					.putInt(100_000)
					.putInt(100_000)
					.put((byte) 8)
					.put((byte) 2)
					.put((byte) 0)
					.put((byte) 0)
					.put((byte) 0)
					.array());
		Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
		deflater.setInput(new byte[1 + 3 * 1000]);
		deflater.finish();
		byte[] compressed = new byte[256];
		int length = deflater.deflate(compressed, 0, compressed.length, Deflater.FULL_FLUSH);
		deflater.end();
		pngChunk(out, "IDAT", Arrays.copyOf(compressed, length));
		pngChunk(out, "IEND", new byte[0]);
		return out.toByteArray();
	}

	/**
	 * A small baseline JPEG whose SOF0 claims 60000 x 60000 pixels.
	 * @return the file
	 */
	static byte[] jpegBomb() {
		byte[] jpeg = plainJpeg(16, 16);
		for (int i = 2; i + 8 < jpeg.length; i++) {
			if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == 0xC0) {
				// FFC0, length (2), precision (1), height (2), width (2)
				putBe16(jpeg, i + 5, 60_000);
				putBe16(jpeg, i + 7, 60_000);
				return jpeg;
			}
		}
		throw new IllegalStateException("javax.imageio wrote a JPEG without SOF0");
	}

	/**
	 * A small GIF whose logical screen and image descriptor claim 65535 x 65535 pixels.
	 * @return the file
	 */
	static byte[] gifBomb() {
		byte[] gif = plainGif(16, 16);
		putLe16(gif, 6, 0xFFFF);
		putLe16(gif, 8, 0xFFFF);
		int position = 13 + GifFixture.colourTableBytes(gif[10]);
		while ((gif[position] & 0xFF) == 0x21) {
			position += 2;
			while (gif[position] != 0) {
				position += (gif[position] & 0xFF) + 1;
			}
			position++;
		}
		putLe16(gif, position + 5, 0xFFFF);
		putLe16(gif, position + 7, 0xFFFF);
		return gif;
	}

	/**
	 * The extended WebP fixture with its VP8X canvas set to 16384 x 16384 (the most WebP
	 * allows).
	 * @return the file
	 */
	static byte[] webpBomb() {
		byte[] webp = webp(WEBP_EXTENDED_METADATA);
		int canvas = 16383;
		for (int offset : new int[] { 24, 27 }) {
			webp[offset] = (byte) canvas;
			webp[offset + 1] = (byte) (canvas >> 8);
			webp[offset + 2] = (byte) (canvas >> 16);
		}
		return webp;
	}

	/**
	 * The XMP packet of every image here: a GPS latitude ({@link #XMP_GPS}) and a city
	 * ({@link #XMP_CITY}).
	 * @return the packet, without any zero byte
	 */
	static String xmpPacket() {
		return """
				<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
				<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\
				<rdf:Description rdf:about="" xmlns:exif="http://ns.adobe.com/exif/1.0/" \
				xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" photoshop:City="%s">\
				%s<exif:GPSLongitude>0,7.476W</exif:GPSLongitude></rdf:Description></rdf:RDF></x:xmpmeta>
				<?xpacket end="w"?>""".formatted(XMP_CITY, XMP_GPS);
	}

	/**
	 * Whether some bytes contain a text, as ASCII/UTF-8.
	 * @param data the bytes
	 * @param text the text
	 * @return true when found anywhere
	 */
	static boolean contains(byte[] data, String text) {
		return contains(data, utf8(text));
	}

	/**
	 * Whether some bytes contain others.
	 * @param data the bytes
	 * @param part the bytes to find
	 * @return true when found anywhere
	 */
	static boolean contains(byte[] data, byte[] part) {
		outer: for (int i = 0; i + part.length <= data.length; i++) {
			for (int j = 0; j < part.length; j++) {
				if (data[i + j] != part[j]) {
					continue outer;
				}
			}
			return true;
		}
		return false;
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

	private static void segment(ByteArrayOutputStream out, int marker, byte[] payload) {
		out.write(0xFF);
		out.write(marker);
		out.write((payload.length + 2) >> 8);
		out.write(payload.length + 2);
		out.writeBytes(payload);
	}

	private static byte[] photoshopIptc() {
		ByteArrayOutputStream iptc = new ByteArrayOutputStream();
		iptc.writeBytes(new byte[] { 0x1C, 2, 0, 0, 2, 0, 4 }); // 2:00 record version 4
		byte[] city = ascii(IPTC_CITY);
		iptc.writeBytes(new byte[] { 0x1C, 2, 90, 0, (byte) city.length }); // 2:90 city
		iptc.writeBytes(city);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes(ascii("Photoshop 3.0\0"));
		out.writeBytes(ascii("8BIM"));
		out.writeBytes(new byte[] { 0x04, 0x04, 0, 0 }); // IPTC-NAA resource, empty name
		out.writeBytes(ByteBuffer.allocate(4).putInt(iptc.size()).array());
		out.writeBytes(iptc.toByteArray());
		if ((iptc.size() & 1) != 0) {
			out.write(0);
		}
		return out.toByteArray();
	}

	private static void pngChunk(ByteArrayOutputStream out, String type, byte[] data) {
		byte[] name = ascii(type);
		CRC32 crc = new CRC32();
		crc.update(name);
		crc.update(data);
		out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
		out.writeBytes(name);
		out.writeBytes(data);
		out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
	}

	private static void putBe16(byte[] data, int offset, int value) {
		data[offset] = (byte) (value >> 8);
		data[offset + 1] = (byte) value;
	}

	private static void putLe16(byte[] data, int offset, int value) {
		data[offset] = (byte) value;
		data[offset + 1] = (byte) (value >> 8);
	}

	private static byte[] concat(byte[] a, byte[] b) {
		byte[] both = Arrays.copyOf(a, a.length + b.length);
		System.arraycopy(b, 0, both, a.length, b.length);
		return both;
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
