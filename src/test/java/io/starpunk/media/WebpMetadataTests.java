package io.starpunk.media;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class WebpMetadataTests {

	@Test
	void strippingRemovesExifXmpAndIcc() {
		byte[] stripped = WebpMetadata.strip(TestImages.webp(TestImages.WEBP_EXTENDED_METADATA));
		MetadataReport report = MetadataReport.of(stripped);
		assertThat(report.clean()).as(report.toString()).isTrue();
		assertThat(TestImages.contains(stripped, TestImages.XMP_CITY)).isFalse();
		assertThat(TestImages.contains(stripped, TestImages.XMP_GPS)).isFalse();
		assertThat(TestImages.contains(stripped, TiffFixture.latitudeBytes())).isFalse();
		assertThat(TestImages.contains(stripped, TestImages.MAKE)).isFalse();
		assertThat(TestImages.contains(stripped, "ICCP")).isFalse();
		assertThat(stripped[20] & (0x20 | 0x08 | 0x04)).as("VP8X metadata flags").isZero();
		assertThat(stripped[20] & 0x10).as("VP8X alpha flag").isEqualTo(0x10);
	}

	@Test
	void strippingGivesBackExactlyTheFileBeforeWebpmuxAddedMetadata() {
		assertThat(WebpMetadata.strip(TestImages.webp(TestImages.WEBP_EXTENDED_METADATA)))
			.isEqualTo(TestImages.webp(TestImages.WEBP_EXTENDED_CLEAN));
		assertThat(WebpMetadata.strip(TestImages.webp(TestImages.WEBP_ANIMATED_METADATA)))
			.isEqualTo(TestImages.webp(TestImages.WEBP_ANIMATED_CLEAN));
	}

	@Test
	void strippingKeepsThePixelsAndFrames() {
		byte[] webp = TestImages.webp(TestImages.WEBP_ANIMATED_METADATA);
		byte[] stripped = WebpMetadata.strip(webp);
		ImageAssertions.assertSamePixels(stripped, webp);
		// the extended still keeps its pixels too, but a decoder applies the ICC profile
		// of the original (linear RGB here), so compare with the file before webpmux
		ImageAssertions.assertSamePixels(WebpMetadata.strip(TestImages.webp(TestImages.WEBP_EXTENDED_METADATA)),
				TestImages.webp(TestImages.WEBP_EXTENDED_CLEAN));
	}

	@ParameterizedTest
	@ValueSource(strings = { TestImages.WEBP_LOSSY, TestImages.WEBP_LOSSLESS_ALPHA, TestImages.WEBP_EXTENDED_CLEAN,
			TestImages.WEBP_ANIMATED_CLEAN })
	void aCleanWebpIsUnchanged(String name) {
		byte[] webp = TestImages.webp(name);
		assertThat(WebpMetadata.strip(webp)).isSameAs(webp);
		assertThat(MetadataReport.of(webp).clean()).isTrue();
	}

	@Test
	void unknownChunksGoFromExtendedFilesAndAnimationFrames() {
		byte[] clean = TestImages.webp(TestImages.WEBP_ANIMATED_CLEAN);
		byte[] tampered = withChunk(clean, clean.length, "ZZZZ", "SECRET1");
		// inside the first ANMF, after its 16-byte header: VP8X at 12 (18 bytes), ANIM
		// (14)
		int anmf = 12 + 18 + 14;
		assertThat(new String(tampered, anmf, 4, StandardCharsets.ISO_8859_1)).isEqualTo("ANMF");
		tampered = withChunk(tampered, anmf + 8 + 16, "XYZW", "SECRET2");
		putLe32(tampered, anmf + 4, le32(tampered, anmf + 4) + 8 + 8);
		assertThat(WebpMetadata.strip(tampered)).isEqualTo(clean);
	}

	@Test
	void anythingAfterTheImageOfASimpleFileGoes() {
		byte[] clean = TestImages.webp(TestImages.WEBP_LOSSY);
		byte[] tampered = withChunk(clean, clean.length, "EXIF", "MM\0*GPS");
		assertThat(WebpMetadata.strip(tampered)).isEqualTo(clean);
	}

	@Test
	void anExtendedFileWithoutAnImageIsRefused() {
		byte[] webp = TestImages.webp(TestImages.WEBP_EXTENDED_METADATA);
		byte[] header = Arrays.copyOf(webp, 12 + 18);
		byte[] onlyMetadata = withChunk(header, header.length, "EXIF", "MM\0*");
		assertThatExceptionOfType(MalformedImageException.class).isThrownBy(() -> WebpMetadata.strip(onlyMetadata))
			.withMessageContaining("no image");
	}

	@Test
	void theSizeComesFromTheHeader() {
		assertThat(WebpMetadata.size(TestImages.webp(TestImages.WEBP_LOSSY))).isEqualTo(new Dimensions(64, 48));
		assertThat(WebpMetadata.size(TestImages.webp(TestImages.WEBP_LOSSLESS_ALPHA)))
			.isEqualTo(new Dimensions(64, 48));
		assertThat(WebpMetadata.size(TestImages.webp(TestImages.WEBP_EXTENDED_METADATA)))
			.isEqualTo(new Dimensions(64, 48));
		assertThat(WebpMetadata.size(TestImages.webp(TestImages.WEBP_ANIMATED_METADATA)))
			.isEqualTo(new Dimensions(32, 24));
		assertThat(WebpMetadata.size(TestImages.webpBomb())).isEqualTo(new Dimensions(16_384, 16_384));
		assertThat(WebpMetadata.size(Arrays.copyOf(TestImages.webp(TestImages.WEBP_LOSSY), 30)))
			.isEqualTo(new Dimensions(64, 48));
	}

	@Test
	void aHeaderThatCannotBeReadIsRefused() {
		assertThatExceptionOfType(MalformedImageException.class)
			.isThrownBy(() -> WebpMetadata.size(TestImages.plainPng(4, 4)));
		byte[] webp = TestImages.webp(TestImages.WEBP_LOSSY);
		webp[23] = 0; // the 9d 01 2a start code
		assertThatExceptionOfType(MalformedImageException.class).isThrownBy(() -> WebpMetadata.size(webp))
			.withMessageContaining("key frame");
		byte[] lossless = TestImages.webp(TestImages.WEBP_LOSSLESS_ALPHA);
		lossless[20] = 0;
		assertThatExceptionOfType(MalformedImageException.class).isThrownBy(() -> WebpMetadata.size(lossless))
			.withMessageContaining("0x2f");
	}

	@Test
	void aChunkLargerThanTheFileIsRefused() {
		byte[] webp = TestImages.webp(TestImages.WEBP_EXTENDED_METADATA);
		putLe32(webp, 16, 0x7FFF_FFF0); // VP8X size
		assertThatExceptionOfType(MalformedImageException.class).isThrownBy(() -> WebpMetadata.strip(webp))
			.withMessageContaining("VP8X");
		byte[] riff = TestImages.webp(TestImages.WEBP_LOSSY);
		putLe32(riff, 4, riff.length);
		assertThatExceptionOfType(MalformedImageException.class).isThrownBy(() -> WebpMetadata.strip(riff))
			.withMessageContaining("RIFF size");
	}

	@Test
	void somethingElseIsRefused() {
		assertThatExceptionOfType(MalformedImageException.class)
			.isThrownBy(() -> WebpMetadata.strip(TestImages.plainGif(4, 4)));
		assertThatExceptionOfType(MalformedImageException.class).isThrownBy(() -> WebpMetadata.strip(new byte[0]));
		byte[] unknownFirst = TestImages.webp(TestImages.WEBP_LOSSY);
		unknownFirst[12] = 'X';
		assertThatExceptionOfType(MalformedImageException.class).isThrownBy(() -> WebpMetadata.strip(unknownFirst))
			.withMessageContaining("XP8");
	}

	@ParameterizedTest
	@ValueSource(strings = { TestImages.WEBP_EXTENDED_METADATA, TestImages.WEBP_ANIMATED_METADATA })
	void everyTruncationIsRefused(String name) {
		byte[] webp = TestImages.webp(name);
		assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
			for (int length = 0; length < webp.length - 1; length++) {
				byte[] truncated = Arrays.copyOf(webp, length);
				assertThatExceptionOfType(MalformedImageException.class)
					.isThrownBy(() -> WebpMetadata.strip(truncated));
			}
		});
	}

	@Test
	void garbledWebpsAreRefusedOrGiveAWellFormedFile() {
		byte[] webp = TestImages.webp(TestImages.WEBP_ANIMATED_METADATA);
		Random random = new Random(7);
		assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
			for (int round = 0; round < 3000; round++) {
				byte[] garbled = webp.clone();
				for (int i = 0; i < 1 + random.nextInt(4); i++) {
					garbled[random.nextInt(Math.min(garbled.length, 120))] = (byte) random.nextInt(256);
				}
				Throwable thrown = catchThrowable(() -> {
					byte[] stripped = WebpMetadata.strip(garbled);
					assertThat(WebpMetadata.strip(stripped)).isEqualTo(stripped);
					assertThat(le32(stripped, 4)).isEqualTo(stripped.length - 8);
				});
				if (thrown != null) {
					assertThat(thrown).isInstanceOf(MalformedImageException.class);
				}
			}
		});
	}

	private static byte[] withChunk(byte[] webp, int at, String fourCc, String payload) {
		byte[] data = payload.getBytes(StandardCharsets.ISO_8859_1);
		int padded = data.length + (data.length & 1);
		byte[] chunk = new byte[8 + padded];
		System.arraycopy(fourCc.getBytes(StandardCharsets.ISO_8859_1), 0, chunk, 0, 4);
		putLe32(chunk, 4, data.length);
		System.arraycopy(data, 0, chunk, 8, data.length);
		byte[] out = new byte[webp.length + chunk.length];
		System.arraycopy(webp, 0, out, 0, at);
		System.arraycopy(chunk, 0, out, at, chunk.length);
		System.arraycopy(webp, at, out, at + chunk.length, webp.length - at);
		putLe32(out, 4, out.length - 8);
		return out;
	}

	private static int le32(byte[] data, int offset) {
		return (data[offset] & 0xFF) | (data[offset + 1] & 0xFF) << 8 | (data[offset + 2] & 0xFF) << 16
				| (data[offset + 3] & 0xFF) << 24;
	}

	private static void putLe32(byte[] data, int offset, int value) {
		data[offset] = (byte) value;
		data[offset + 1] = (byte) (value >> 8);
		data[offset + 2] = (byte) (value >> 16);
		data[offset + 3] = (byte) (value >> 24);
	}

}
