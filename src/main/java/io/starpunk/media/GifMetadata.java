package io.starpunk.media;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Takes the metadata out of a GIF without decoding it, so that an animation stays an
 * animation and every frame keeps its exact bytes. The blocks are walked one by one; what
 * draws the image is kept (header, logical screen descriptor, colour tables, graphic
 * control extensions, image descriptors with their LZW data, plain text extensions, and
 * the NETSCAPE2.0 / ANIMEXTS1.0 loop count), everything else goes: comment extensions,
 * every other application extension (XMP, ICC profiles, vendor data), and any bytes after
 * the trailer.
 */
final class GifMetadata {

	private static final int EXTENSION = 0x21;

	private static final int IMAGE = 0x2C;

	private static final int TRAILER = 0x3B;

	private static final int PLAIN_TEXT = 0x01;

	private static final int GRAPHIC_CONTROL = 0xF9;

	private static final int APPLICATION = 0xFF;

	private GifMetadata() {
	}

	/**
	 * The same GIF without its metadata. A file that ends cleanly after its last image
	 * but lacks the trailer gets one.
	 * @param gif a whole GIF87a or GIF89a file
	 * @return a GIF that decodes to the same frames, with the same timing and loop count
	 * @throws MalformedImageException when the file is not a GIF or is cut short
	 */
	static byte[] strip(byte[] gif) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(gif.length);
		walk(gif, out);
		return out.toByteArray();
	}

	/**
	 * Whether a GIF has more than one frame.
	 * @param gif a whole GIF file
	 * @return true for more than one image descriptor
	 * @throws MalformedImageException when the file is not a GIF or is cut short
	 */
	static boolean animated(byte[] gif) {
		return walk(gif, null).frames() > 1;
	}

	/**
	 * The smallest size that holds the logical screen and every frame where it is placed:
	 * what a decoder that draws the frames onto one canvas would allocate. A frame may
	 * reach past the screen it claims, so for a bound on decoding this is the size to
	 * check, not {@link #size}.
	 * @param gif a whole GIF file
	 * @return the size
	 * @throws MalformedImageException when the file is not a GIF, is cut short, or has no
	 * pixels at all
	 */
	static Dimensions bounds(byte[] gif) {
		Walk walk = walk(gif, null);
		if (walk.width() == 0 || walk.height() == 0) {
			throw new MalformedImageException("GIF has no pixels: " + walk.width() + " x " + walk.height());
		}
		return new Dimensions(walk.width(), walk.height());
	}

	/**
	 * The logical screen size a GIF declares, read from its first 10 bytes.
	 * @param gif a GIF file, or at least its first 10 bytes
	 * @return the size
	 * @throws MalformedImageException when it is not a GIF or declares a zero size
	 */
	static Dimensions size(byte[] gif) {
		Reader in = new Reader(gif);
		header(in);
		int width = in.u16();
		int height = in.u16();
		if (width == 0 || height == 0) {
			throw new MalformedImageException("GIF declares a screen of " + width + " x " + height);
		}
		return new Dimensions(width, height);
	}

	private static Walk walk(byte[] gif, ByteArrayOutputStream out) {
		Reader in = new Reader(gif);
		header(in);
		int width = in.u16();
		int height = in.u16();
		int packed = in.u8();
		in.skip(2);
		if ((packed & 0x80) != 0) {
			in.skip(colourTableBytes(packed));
		}
		copy(gif, 0, in.position, out);
		int frames = 0;
		while (true) {
			if (in.atEnd() && frames > 0) {
				// no trailer: some writers leave it out; end the copy properly
				write(out, TRAILER);
				return new Walk(frames, width, height);
			}
			int start = in.position;
			int introducer = in.u8();
			if (introducer == TRAILER) {
				write(out, TRAILER);
				return new Walk(frames, width, height);
			}
			if (introducer == IMAGE) {
				int left = in.u16();
				int top = in.u16();
				width = Math.max(width, left + in.u16());
				height = Math.max(height, top + in.u16());
				int imagePacked = in.u8();
				if ((imagePacked & 0x80) != 0) {
					in.skip(colourTableBytes(imagePacked));
				}
				int minimumCodeSize = in.u8();
				if (minimumCodeSize < 1 || minimumCodeSize > 11) {
					throw new MalformedImageException(
							"GIF image at byte " + start + " has LZW minimum code size " + minimumCodeSize);
				}
				skipSubBlocks(in);
				copy(gif, start, in.position, out);
				frames++;
			}
			else if (introducer == EXTENSION) {
				extension(gif, in, start, out);
			}
			else {
				throw new MalformedImageException(
						"GIF has byte 0x%02x at %d where a block must start".formatted(introducer, start));
			}
		}
	}

	private static void extension(byte[] gif, Reader in, int start, ByteArrayOutputStream out) {
		int label = in.u8();
		if (label == GRAPHIC_CONTROL || label == PLAIN_TEXT) {
			skipSubBlocks(in);
			copy(gif, start, in.position, out);
		}
		else if (label == APPLICATION && loop(gif, in)) {
			loopExtension(gif, in, start, out);
		}
		else {
			// comments, XMP, ICC profiles and anything else we do not know
			skipSubBlocks(in);
		}
	}

	private static boolean loop(byte[] gif, Reader in) {
		int at = in.position;
		if (at + 12 > gif.length || gif[at] != 11) {
			return false;
		}
		byte[] identifier = Arrays.copyOfRange(gif, at + 1, at + 12);
		return Arrays.equals(identifier, ascii("NETSCAPE2.0")) || Arrays.equals(identifier, ascii("ANIMEXTS1.0"));
	}

	/** Keeps only the identifier and the loop count sub-block, never trailing data. */
	private static void loopExtension(byte[] gif, Reader in, int start, ByteArrayOutputStream out) {
		in.skip(12);
		int loopCount = -1;
		while (true) {
			int length = in.u8();
			if (length == 0) {
				break;
			}
			int at = in.position;
			in.skip(length);
			if (length == 3 && gif[at] == 1) {
				loopCount = (gif[at + 1] & 0xFF) | (gif[at + 2] & 0xFF) << 8;
			}
		}
		if (loopCount >= 0 && out != null) {
			copy(gif, start, start + 14, out);
			write(out, 3);
			write(out, 1);
			write(out, loopCount & 0xFF);
			write(out, loopCount >> 8);
			write(out, 0);
		}
	}

	private static void header(Reader in) {
		in.need(6, "header");
		byte[] signature = Arrays.copyOfRange(in.data, 0, 6);
		if (!Arrays.equals(signature, ascii("GIF87a")) && !Arrays.equals(signature, ascii("GIF89a"))) {
			throw new MalformedImageException("Not a GIF: no GIF87a or GIF89a signature");
		}
		in.skip(6);
	}

	private static int colourTableBytes(int packed) {
		return 3 * (1 << ((packed & 0x07) + 1));
	}

	private static void skipSubBlocks(Reader in) {
		int length;
		while ((length = in.u8()) != 0) {
			in.skip(length);
		}
	}

	private static void copy(byte[] gif, int from, int to, ByteArrayOutputStream out) {
		if (out != null) {
			out.write(gif, from, to - from);
		}
	}

	private static void write(ByteArrayOutputStream out, int value) {
		if (out != null) {
			out.write(value);
		}
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

	/** What a walk over the blocks found: how many frames, and the canvas they need. */
	private record Walk(int frames, int width, int height) {
	}

	/** A position in the file that never moves past its end. */
	private static final class Reader {

		private final byte[] data;

		private int position;

		Reader(byte[] data) {
			this.data = data;
		}

		boolean atEnd() {
			return this.position >= this.data.length;
		}

		int u8() {
			need(1, "block");
			return this.data[this.position++] & 0xFF;
		}

		int u16() {
			need(2, "descriptor");
			int value = (this.data[this.position] & 0xFF) | (this.data[this.position + 1] & 0xFF) << 8;
			this.position += 2;
			return value;
		}

		void skip(int count) {
			need(count, "block");
			this.position += count;
		}

		void need(int count, String what) {
			if (count > this.data.length - this.position) {
				throw new MalformedImageException("GIF is cut short in a " + what + " at byte " + this.position
						+ " (needs " + count + " more, has " + (this.data.length - this.position) + ")");
			}
		}

	}

}
