package io.starpunk.media;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Whether the JPEG decoder converts a JPEG's colours itself: one with an ICC profile
 * (APP2), an Adobe colour transform (APP14) or four components (CMYK, YCCK). The decoder
 * then holds the whole image twice, the samples as read and the converted copy, so the
 * pipeline decodes such an image in bands.
 */
final class JpegColour {

	private static final byte[] ICC = "ICC_PROFILE\0".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] ADOBE = "Adobe".getBytes(StandardCharsets.US_ASCII);

	private JpegColour() {
	}

	/**
	 * Reads the segments before the image data.
	 * @param file a JPEG file
	 * @return whether its colours are converted when it is decoded (false when it cannot
	 * be read)
	 */
	static boolean converted(Path file) {
		try (DataInputStream data = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
			if (data.readUnsignedShort() != 0xFFD8) {
				return false;
			}
			while (true) {
				int marker = data.readUnsignedShort();
				while (marker == 0xFFFF) {
					marker = 0xFF00 | data.readUnsignedByte();
				}
				if (marker == 0xFFDA || marker == 0xFFD9 || (marker & 0xFF00) != 0xFF00) {
					return false;
				}
				if ((marker >= 0xFFD0 && marker <= 0xFFD7) || marker == 0xFF01) {
					continue;
				}
				int length = data.readUnsignedShort() - 2;
				if (length < 0) {
					return false;
				}
				byte[] payload = data.readNBytes(length);
				if ((marker == 0xFFE2 && startsWith(payload, ICC))
						|| (marker == 0xFFEE && startsWith(payload, ADOBE))) {
					return true;
				}
				boolean frame = marker >= 0xFFC0 && marker <= 0xFFCF && marker != 0xFFC4 && marker != 0xFFC8
						&& marker != 0xFFCC;
				if (frame && payload.length > 5 && payload[5] == 4) {
					return true;
				}
			}
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static boolean startsWith(byte[] payload, byte[] prefix) {
		return payload.length >= prefix.length && Arrays.equals(payload, 0, prefix.length, prefix, 0, prefix.length);
	}

}
