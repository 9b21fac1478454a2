package io.starpunk.media;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;

/**
 * Takes the metadata out of a WebP without decoding it (Java has no WebP writer), keeping
 * the compressed image bytes as they are. A WebP is a RIFF file of chunks. A simple file
 * is one {@code VP8 } or {@code VP8L} chunk, which is kept and anything after it dropped.
 * An extended file starts with {@code VP8X}; of its chunks only what draws the image is
 * kept ({@code VP8X}, {@code ANIM}, {@code ANMF}, {@code ALPH}, {@code VP8 },
 * {@code VP8L}), so {@code EXIF}, {@code XMP }, {@code ICCP} and chunks we do not know
 * go, and the {@code VP8X} flags stop announcing them. The ICC profile goes too, so a
 * picture with a wide-gamut profile is shown as sRGB.
 */
final class WebpMetadata {

	private static final Set<String> IMAGE_CHUNKS = Set.of("ALPH", "VP8 ", "VP8L");

	private static final Set<String> EXTENDED_CHUNKS = Set.of("VP8X", "ANIM", "ANMF", "ALPH", "VP8 ", "VP8L");

	/** The ICC profile, EXIF and XMP bits of the {@code VP8X} flags. */
	private static final int METADATA_FLAGS = 0x20 | 0x08 | 0x04;

	private static final int ANMF_HEADER_BYTES = 16;

	private WebpMetadata() {
	}

	/**
	 * The same WebP without its metadata.
	 * @param webp a whole WebP file
	 * @return the file with only its image chunks, its RIFF size recomputed; the very
	 * bytes given when there was nothing to take out
	 * @throws MalformedImageException when it is not a WebP or a chunk claims more bytes
	 * than the file has
	 */
	static byte[] strip(byte[] webp) {
		int end = riffEnd(webp);
		ByteArrayOutputStream chunks = new ByteArrayOutputStream(webp.length);
		String first = fourCc(webp, 12, end);
		if (first.equals("VP8 ") || first.equals("VP8L")) {
			Chunk chunk = chunk(webp, 12, end);
			chunk.writeTo(webp, chunks);
		}
		else if (first.equals("VP8X")) {
			extended(webp, end, chunks);
		}
		else {
			throw new MalformedImageException(
					"WebP starts with a '" + printable(first) + "' chunk, not VP8, VP8L or VP8X");
		}
		byte[] body = chunks.toByteArray();
		byte[] out = new byte[12 + body.length];
		System.arraycopy(webp, 0, out, 0, 12);
		putLe32(out, 4, 4 + body.length);
		System.arraycopy(body, 0, out, 12, body.length);
		return Arrays.equals(out, webp) ? webp : out;
	}

	/**
	 * The canvas size a WebP declares in its first chunk, without decoding it.
	 * @param webp a WebP file, or at least its first 30 bytes
	 * @return the canvas size
	 * @throws MalformedImageException when the header cannot be read
	 */
	static Dimensions size(byte[] webp) {
		if (webp.length < 30 || !ascii(webp, 0, "RIFF") || !ascii(webp, 8, "WEBP")) {
			throw new MalformedImageException("Not a WebP header (or shorter than 30 bytes)");
		}
		String first = new String(webp, 12, 4, StandardCharsets.ISO_8859_1);
		int payload = 20;
		switch (first) {
			case "VP8X" -> {
				return new Dimensions(le24(webp, payload + 4) + 1, le24(webp, payload + 7) + 1);
			}
			case "VP8 " -> {
				if ((webp[payload] & 0x01) != 0 || (webp[payload + 3] & 0xFF) != 0x9D
						|| (webp[payload + 4] & 0xFF) != 0x01 || (webp[payload + 5] & 0xFF) != 0x2A) {
					throw new MalformedImageException("WebP VP8 chunk does not start with a key frame");
				}
				int width = le16(webp, payload + 6) & 0x3FFF;
				int height = le16(webp, payload + 8) & 0x3FFF;
				if (width == 0 || height == 0) {
					throw new MalformedImageException("WebP VP8 frame declares " + width + " x " + height);
				}
				return new Dimensions(width, height);
			}
			case "VP8L" -> {
				if ((webp[payload] & 0xFF) != 0x2F) {
					throw new MalformedImageException("WebP VP8L chunk lacks its 0x2f signature");
				}
				long bits = le32(webp, payload + 1);
				int width = (int) (bits & 0x3FFF) + 1;
				int height = (int) ((bits >> 14) & 0x3FFF) + 1;
				return new Dimensions(width, height);
			}
			default -> throw new MalformedImageException(
					"WebP starts with a '" + printable(first) + "' chunk, not VP8, VP8L or VP8X");
		}
	}

	private static void extended(byte[] webp, int end, ByteArrayOutputStream out) {
		int position = 12;
		boolean first = true;
		boolean image = false;
		while (position < end) {
			Chunk chunk = chunk(webp, position, end);
			if (first) {
				if (chunk.size < 10) {
					throw new MalformedImageException("WebP VP8X chunk has " + chunk.size + " bytes, not 10");
				}
				// exactly the 10 bytes the format defines: nothing can hide behind them
				byte[] header = Arrays.copyOfRange(webp, chunk.payload(), chunk.payload() + 10);
				header[0] &= (byte) ~METADATA_FLAGS;
				writeChunk(out, "VP8X", header, 0, header.length);
			}
			else if (chunk.fourCc.equals("ANMF")) {
				frame(webp, chunk, out);
				image = true;
			}
			else if (EXTENDED_CHUNKS.contains(chunk.fourCc) && !chunk.fourCc.equals("VP8X")) {
				chunk.writeTo(webp, out);
				image |= chunk.fourCc.equals("VP8 ") || chunk.fourCc.equals("VP8L");
			}
			first = false;
			position = chunk.next;
		}
		if (!image) {
			throw new MalformedImageException("WebP has no VP8, VP8L or ANMF chunk: no image to keep");
		}
	}

	/** An animation frame: its 16-byte header, then only its image chunks. */
	private static void frame(byte[] webp, Chunk frame, ByteArrayOutputStream out) {
		if (frame.size < ANMF_HEADER_BYTES) {
			throw new MalformedImageException("WebP ANMF chunk at byte " + (frame.payload() - 8) + " is too short");
		}
		ByteArrayOutputStream payload = new ByteArrayOutputStream(frame.size);
		payload.write(webp, frame.payload(), ANMF_HEADER_BYTES);
		int position = frame.payload() + ANMF_HEADER_BYTES;
		int end = frame.payloadEnd();
		while (position < end) {
			Chunk chunk = chunk(webp, position, end);
			if (IMAGE_CHUNKS.contains(chunk.fourCc)) {
				chunk.writeTo(webp, payload);
			}
			position = chunk.next;
		}
		byte[] bytes = payload.toByteArray();
		writeChunk(out, "ANMF", bytes, 0, bytes.length);
	}

	private static int riffEnd(byte[] webp) {
		if (webp.length < 20 || !ascii(webp, 0, "RIFF") || !ascii(webp, 8, "WEBP")) {
			throw new MalformedImageException("Not a WebP: no RIFF/WEBP header");
		}
		long size = le32(webp, 4);
		if (size < 12 || size > webp.length - 8L) {
			throw new MalformedImageException(
					"WebP RIFF size " + size + " does not fit a file of " + webp.length + " bytes");
		}
		return (int) size + 8;
	}

	private static Chunk chunk(byte[] webp, int position, int end) {
		if (end - position < 8) {
			throw new MalformedImageException("WebP is cut short in a chunk header at byte " + position);
		}
		String fourCc = fourCc(webp, position, end);
		long size = le32(webp, position + 4);
		long payloadEnd = position + 8L + size;
		if (payloadEnd > end) {
			throw new MalformedImageException("WebP chunk '" + printable(fourCc) + "' at byte " + position + " claims "
					+ size + " bytes, more than the " + (end - position - 8) + " left");
		}
		// an odd chunk is padded to even; a missing pad on the very last chunk is
		// tolerated
		long next = Math.min(payloadEnd + (size & 1), end);
		return new Chunk(fourCc, position + 8, (int) size, (int) next);
	}

	private static String fourCc(byte[] webp, int position, int end) {
		if (end - position < 4) {
			throw new MalformedImageException("WebP is cut short in a chunk header at byte " + position);
		}
		return new String(webp, position, 4, StandardCharsets.ISO_8859_1);
	}

	private static void writeChunk(ByteArrayOutputStream out, String fourCc, byte[] payload, int from, int length) {
		byte[] header = new byte[8];
		System.arraycopy(fourCc.getBytes(StandardCharsets.ISO_8859_1), 0, header, 0, 4);
		putLe32(header, 4, length);
		out.write(header, 0, 8);
		out.write(payload, from, length);
		if ((length & 1) != 0) {
			out.write(0);
		}
	}

	private static boolean ascii(byte[] data, int offset, String expected) {
		return data.length >= offset + expected.length()
				&& new String(data, offset, expected.length(), StandardCharsets.ISO_8859_1).equals(expected);
	}

	private static String printable(String fourCc) {
		return fourCc.replaceAll("[^\\x20-\\x7e]", "?");
	}

	private static int le16(byte[] data, int offset) {
		return (data[offset] & 0xFF) | (data[offset + 1] & 0xFF) << 8;
	}

	private static int le24(byte[] data, int offset) {
		return le16(data, offset) | (data[offset + 2] & 0xFF) << 16;
	}

	private static long le32(byte[] data, int offset) {
		return (le24(data, offset) | (long) (data[offset + 3] & 0xFF) << 24);
	}

	private static void putLe32(byte[] data, int offset, int value) {
		data[offset] = (byte) value;
		data[offset + 1] = (byte) (value >> 8);
		data[offset + 2] = (byte) (value >> 16);
		data[offset + 3] = (byte) (value >> 24);
	}

	/**
	 * One chunk: where its payload starts, how long it is, and where the next chunk
	 * starts.
	 */
	private record Chunk(String fourCc, int payload, int size, int next) {

		int payloadEnd() {
			return this.payload + this.size;
		}

		void writeTo(byte[] webp, ByteArrayOutputStream out) {
			writeChunk(out, this.fourCc, webp, this.payload, this.size);
		}

	}

}
