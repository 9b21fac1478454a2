package io.starpunk.media;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class HeifDetectionTests {

	@ParameterizedTest
	@CsvSource({ "heic, mif1 heic, HEIC", "heix, mif1 heix, HEIC", "hevc, msf1 hevc, HEIC", "mif1, mif1 heic, HEIC",
			"mif1, mif1 miaf, HEIF", "msf1, msf1 iso8, HEIF", "avif, mif1 avif miaf, AVIF", "mif1, avif mif1, AVIF",
			"heim, mif1 heim, HEIC", "heis, mif1, HEIC", "hevx, '', HEIC" })
	void heifFilesAreKnownByTheirBrands(String major, String compatible, HeifDetection.Kind kind) {
		byte[] head = ftyp(major, compatible.isBlank() ? new String[0] : compatible.split(" "));
		assertThat(HeifDetection.detect(head)).contains(kind);
		assertThat(HeifDetection.isHeif(head)).isTrue();
	}

	@Test
	void anIphonePhotoIsKnownFromTheTwelveBytesTheStoreLooksAt() {
		byte[] head = Arrays.copyOf(ftyp("heic", "mif1", "heic"), ImageType.SIGNATURE_BYTES);
		assertThat(HeifDetection.detect(head)).contains(HeifDetection.Kind.HEIC);
		assertThat(ImageType.detect(head)).isEmpty();
	}

	@Test
	void aHeifWithAGenericMajorBrandNeedsItsCompatibleBrands() {
		byte[] whole = ftyp("isom", "mif1", "heic");
		assertThat(HeifDetection.detect(whole)).contains(HeifDetection.Kind.HEIC);
		assertThat(HeifDetection.detect(Arrays.copyOf(whole, 16))).isEmpty();
	}

	@Test
	void videosAndOtherFilesAreNotHeif() {
		assertThat(HeifDetection.detect(ftyp("isom", "isom", "iso2", "avc1", "mp41"))).isEmpty();
		assertThat(HeifDetection.detect(ftyp("qt  ", "qt  "))).isEmpty();
		assertThat(HeifDetection.detect(TestImages.plainJpeg(8, 8))).isEmpty();
		assertThat(HeifDetection.detect(TestImages.webp(TestImages.WEBP_LOSSY))).isEmpty();
		assertThat(HeifDetection.detect(new byte[0])).isEmpty();
		assertThat(HeifDetection.detect("....ftypheic".getBytes(StandardCharsets.US_ASCII))).isNotEmpty();
		assertThat(HeifDetection.detect("....ftyphei".getBytes(StandardCharsets.US_ASCII))).isEmpty();
	}

	@Test
	void brandsAfterTheFtypBoxDoNotCount() {
		byte[] box = ftyp("isom", "isom");
		byte[] next = ftyp("heic", "heic");
		byte[] both = Arrays.copyOf(box, box.length + next.length);
		System.arraycopy(next, 0, both, box.length, next.length);
		assertThat(HeifDetection.detect(both)).isEmpty();
	}

	@Test
	void theRefusalTellsAnIphoneOwnerWhatToDo() {
		assertThat(HeifDetection.Kind.HEIC.refusal()).contains("HEIC photos (as iPhones take them) are not supported")
			.contains("Settings > Camera > Formats > Most Compatible");
		assertThat(HeifDetection.Kind.AVIF.refusal()).contains("AVIF");
	}

	private static byte[] ftyp(String major, String... compatible) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes(ByteBuffer.allocate(4).putInt(16 + 4 * compatible.length).array());
		out.writeBytes("ftyp".getBytes(StandardCharsets.US_ASCII));
		out.writeBytes(major.getBytes(StandardCharsets.US_ASCII));
		out.writeBytes(new byte[4]);
		for (String brand : compatible) {
			out.writeBytes(brand.getBytes(StandardCharsets.US_ASCII));
		}
		out.writeBytes(new byte[] { 0, 0, 0, 8, 'm', 'e', 't', 'a' });
		return out.toByteArray();
	}

}
