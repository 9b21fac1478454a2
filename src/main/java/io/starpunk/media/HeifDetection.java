package io.starpunk.media;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

/**
 * Recognises the ISO base media file images (HEIC, HEIF, AVIF) that this site does not
 * take, by the brands of the {@code ftyp} box every such file starts with, so that an
 * upload of one is refused with a reason a person can act on instead of a bare "not an
 * image".
 */
final class HeifDetection {

	/**
	 * How many leading bytes {@link #detect} looks at: the major brand alone needs 12,
	 * the compatible brands that follow need more.
	 */
	static final int HEAD_BYTES = 64;

	/** What a client is told when it uploads a HEIC or HEIF photo. */
	static final String HEIC_REFUSAL = "HEIC photos (as iPhones take them) are not supported; export as JPEG "
			+ "(on iPhone: Settings > Camera > Formats > Most Compatible)";

	/** What a client is told when it uploads an AVIF image. */
	static final String AVIF_REFUSAL = "AVIF images are not supported; export as JPEG, PNG or WebP";

	private static final Set<String> HEIC_BRANDS = Set.of("heic", "heix", "hevc", "hevx", "heim", "heis");

	private static final Set<String> HEIF_BRANDS = Set.of("mif1", "msf1");

	private static final String AVIF_BRAND = "avif";

	/** The family of an ISO base media file image. */
	enum Kind {

		/** HEVC-coded: an iPhone photo. */
		HEIC(HEIC_REFUSAL),

		/** A HEIF container whose brands name no codec we know. */
		HEIF(HEIC_REFUSAL),

		/** AV1-coded. */
		AVIF(AVIF_REFUSAL);

		private final String refusal;

		Kind(String refusal) {
			this.refusal = refusal;
		}

		/**
		 * What a client is told when it uploads one.
		 * @return a sentence fit for an error description
		 */
		String refusal() {
			return this.refusal;
		}

	}

	private HeifDetection() {
	}

	/**
	 * The family of a file, from its {@code ftyp} box.
	 * @param head the file's first {@value #HEAD_BYTES} bytes (or all of a shorter file);
	 * fewer bytes see fewer compatible brands
	 * @return the family, or empty for anything else
	 */
	static Optional<Kind> detect(byte[] head) {
		if (head.length < 12 || !"ftyp".equals(ascii(head, 4))) {
			return Optional.empty();
		}
		long boxSize = ((head[0] & 0xFFL) << 24) | ((head[1] & 0xFF) << 16) | ((head[2] & 0xFF) << 8)
				| (head[3] & 0xFF);
		// size 0 runs to the end of the file, size 1 is a 64-bit size: both unusual for
		// ftyp
		long end = (boxSize < 16) ? head.length : Math.min(boxSize, head.length);
		Kind found = kind(ascii(head, 8));
		for (int brand = 16; brand + 4 <= end; brand += 4) {
			found = best(found, kind(ascii(head, brand)));
		}
		return Optional.ofNullable(found);
	}

	/**
	 * Whether a file is a HEIC, HEIF or AVIF image.
	 * @param head the file's first bytes, as for {@link #detect}
	 * @return true for any of them
	 */
	static boolean isHeif(byte[] head) {
		return detect(head).isPresent();
	}

	private static Kind kind(String brand) {
		if (HEIC_BRANDS.contains(brand)) {
			return Kind.HEIC;
		}
		if (AVIF_BRAND.equals(brand)) {
			return Kind.AVIF;
		}
		if (HEIF_BRANDS.contains(brand)) {
			return Kind.HEIF;
		}
		return null;
	}

	/** A codec brand says more than the generic mif1/msf1. */
	private static Kind best(Kind current, Kind candidate) {
		if (current == null || current == Kind.HEIF) {
			return (candidate != null) ? candidate : current;
		}
		return current;
	}

	private static String ascii(byte[] data, int offset) {
		return new String(data, offset, 4, StandardCharsets.ISO_8859_1);
	}

}
