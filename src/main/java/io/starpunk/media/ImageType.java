package io.starpunk.media;

import java.util.Arrays;
import java.util.Optional;

/**
 * The image types the media endpoint takes, recognised by their first bytes (never by the
 * name or type a client claims).
 */
public enum ImageType {

	JPEG("image/jpeg", "jpg"), PNG("image/png", "png"), GIF("image/gif", "gif"), WEBP("image/webp", "webp");

	/** How many leading bytes {@link #detect} needs to look at. */
	public static final int SIGNATURE_BYTES = 12;

	private static final byte[] PNG_SIGNATURE = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };

	private final String contentType;

	private final String extension;

	ImageType(String contentType, String extension) {
		this.contentType = contentType;
		this.extension = extension;
	}

	/** The exact {@code Content-Type} it is served with, without parameters. */
	public String contentType() {
		return this.contentType;
	}

	/** The file name extension it is stored with, without the dot. */
	public String extension() {
		return this.extension;
	}

	/**
	 * The type stored under a content type.
	 * @param contentType a {@code media} row's content type
	 * @return the type, or empty for one this server does not store
	 */
	public static Optional<ImageType> ofContentType(String contentType) {
		return Arrays.stream(values()).filter((type) -> type.contentType.equals(contentType)).findFirst();
	}

	/**
	 * The type of a file from its first bytes.
	 * @param head the file's first {@value #SIGNATURE_BYTES} bytes (or all of a shorter
	 * file)
	 * @return the type, or empty for anything that is not one of these images
	 */
	public static Optional<ImageType> detect(byte[] head) {
		if (startsWith(head, 0, (byte) 0xFF, (byte) 0xD8, (byte) 0xFF)) {
			return Optional.of(JPEG);
		}
		if (head.length >= PNG_SIGNATURE.length && Arrays.equals(head, 0, 8, PNG_SIGNATURE, 0, 8)) {
			return Optional.of(PNG);
		}
		if (startsWith(head, 0, ascii("GIF87a")) || startsWith(head, 0, ascii("GIF89a"))) {
			return Optional.of(GIF);
		}
		if (startsWith(head, 0, ascii("RIFF")) && startsWith(head, 8, ascii("WEBP"))) {
			return Optional.of(WEBP);
		}
		return Optional.empty();
	}

	private static boolean startsWith(byte[] data, int offset, byte... expected) {
		if (data.length < offset + expected.length) {
			return false;
		}
		return Arrays.equals(data, offset, offset + expected.length, expected, 0, expected.length);
	}

	private static byte[] ascii(String text) {
		return text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
	}

}
