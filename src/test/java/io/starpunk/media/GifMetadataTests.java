package io.starpunk.media;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class GifMetadataTests {

	@Test
	void strippingRemovesCommentsXmpAndIccProfiles() {
		byte[] stripped = GifMetadata.strip(TestImages.gif(40, 30));
		MetadataReport report = MetadataReport.of(stripped);
		assertThat(report.readable()).isTrue();
		assertThat(report.clean()).as(report.toString()).isTrue();
		assertThat(TestImages.contains(stripped, TestImages.COMMENT)).isFalse();
		assertThat(TestImages.contains(stripped, TestImages.XMP_CITY)).isFalse();
		assertThat(TestImages.contains(stripped, "XMP DataXMP")).isFalse();
		assertThat(TestImages.contains(stripped, "ICCRGBG1012")).isFalse();
	}

	@Test
	void strippingGivesBackExactlyTheGifBeforeItsMetadataWasAdded() {
		assertThat(GifMetadata.strip(TestImages.gif(40, 30))).isEqualTo(TestImages.plainGif(40, 30));
		assertThat(GifMetadata.strip(TestImages.animatedGif(3))).isEqualTo(TestImages.plainAnimatedGif(3));
	}

	@Test
	void strippingKeepsThePixels() {
		byte[] gif = TestImages.gif(40, 30);
		ImageAssertions.assertSamePixels(GifMetadata.strip(gif), gif);
	}

	@Test
	void anAnimationKeepsItsFramesTimingAndLoop() {
		byte[] gif = TestImages.animatedGif(5);
		byte[] stripped = GifMetadata.strip(gif);
		assertThat(GifMetadata.animated(stripped)).isTrue();
		assertThat(ImageAssertions.frames(stripped)).hasSize(5);
		ImageAssertions.assertSamePixels(stripped, gif);
		assertThat(TestImages.contains(stripped, "NETSCAPE2.0")).isTrue();
		assertThat(TestImages.contains(stripped, new byte[] { 0x21, (byte) 0xF9, 4 })).isTrue();
		assertThat(MetadataReport.of(stripped).clean()).isTrue();
	}

	@Test
	void aCleanGifIsUnchanged() {
		byte[] gif = TestImages.plainAnimatedGif(2);
		assertThat(GifMetadata.strip(gif)).isEqualTo(gif);
	}

	@Test
	void dataHiddenInTheLoopExtensionOrAfterTheTrailerGoes() {
		byte[] plain = TestImages.plainAnimatedGif(2);
		byte[] loop = { 0x21, (byte) 0xFF, 11, 'N', 'E', 'T', 'S', 'C', 'A', 'P', 'E', '2', '.', '0', 3, 1, 0, 0 };
		int at = indexOf(plain, loop);
		assertThat(at).isPositive();
		byte[] secret = "\u0006SECRET".getBytes(StandardCharsets.US_ASCII);
		byte[] tampered = concat(Arrays.copyOf(plain, at + loop.length), secret,
				Arrays.copyOfRange(plain, at + loop.length, plain.length),
				"trailing".getBytes(StandardCharsets.US_ASCII));
		byte[] stripped = GifMetadata.strip(tampered);
		assertThat(stripped).isEqualTo(plain);
	}

	@Test
	void aGifWithoutTrailerGetsOne() {
		byte[] gif = TestImages.plainGif(20, 10);
		assertThat(GifMetadata.strip(Arrays.copyOf(gif, gif.length - 1))).isEqualTo(gif);
	}

	@Test
	void oneFrameIsNotAnimated() {
		assertThat(GifMetadata.animated(TestImages.gif(20, 10))).isFalse();
		assertThat(GifMetadata.animated(TestImages.animatedGif(2))).isTrue();
	}

	@Test
	void theSizeComesFromTheLogicalScreen() {
		assertThat(GifMetadata.size(TestImages.gif(40, 30))).isEqualTo(new Dimensions(40, 30));
		assertThat(GifMetadata.size(TestImages.gifBomb())).isEqualTo(new Dimensions(65_535, 65_535));
		assertThat(GifMetadata.size(TestImages.gifBomb()).pixels()).isEqualTo(65_535L * 65_535L);
	}

	@Test
	void theBoundsHoldEveryFrameWhereItIsPlaced() {
		assertThat(GifMetadata.bounds(TestImages.animatedGif(3))).isEqualTo(new Dimensions(32, 24));
		byte[] gif = TestImages.plainGif(16, 16);
		gif[6] = 1; // screen 1 x 1, the frame still 16 x 16
		gif[7] = 0;
		gif[8] = 1;
		gif[9] = 0;
		assertThat(GifMetadata.size(gif)).isEqualTo(new Dimensions(1, 1));
		assertThat(GifMetadata.bounds(gif)).isEqualTo(new Dimensions(16, 16));
		assertThat(GifMetadata.bounds(TestImages.gifBomb())).isEqualTo(new Dimensions(65_535, 65_535));
	}

	@Test
	void somethingElseIsRefused() {
		assertThatExceptionOfType(MalformedImageException.class)
			.isThrownBy(() -> GifMetadata.strip(TestImages.plainPng(4, 4)))
			.withMessageContaining("Not a GIF");
		assertThatExceptionOfType(MalformedImageException.class).isThrownBy(() -> GifMetadata.strip(new byte[0]));
		assertThatExceptionOfType(MalformedImageException.class)
			.isThrownBy(() -> GifMetadata.size("GIF89a\0\0\0\0".getBytes(StandardCharsets.US_ASCII)));
	}

	@Test
	void aStrayByteWhereABlockMustStartIsRefused() {
		byte[] gif = TestImages.plainGif(20, 10);
		byte[] tampered = concat(Arrays.copyOf(gif, gif.length - 1), new byte[] { 0x42, 0x3B });
		assertThatExceptionOfType(MalformedImageException.class).isThrownBy(() -> GifMetadata.strip(tampered))
			.withMessageContaining("0x42");
	}

	@Test
	void everyTruncationIsRefusedOrGivesAWholeGif() {
		byte[] gif = TestImages.animatedGif(3);
		assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
			for (int length = 0; length < gif.length; length++) {
				assertRefusedOrWhole(Arrays.copyOf(gif, length));
			}
		});
	}

	@Test
	void garbledGifsAreRefusedOrGiveAWholeGif() {
		byte[] gif = TestImages.animatedGif(3);
		Random random = new Random(42);
		assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
			for (int round = 0; round < 2000; round++) {
				byte[] garbled = gif.clone();
				for (int i = 0; i < 1 + random.nextInt(8); i++) {
					garbled[random.nextInt(garbled.length)] = (byte) random.nextInt(256);
				}
				assertRefusedOrWhole(garbled);
			}
		});
	}

	private static void assertRefusedOrWhole(byte[] input) {
		Throwable thrown = catchThrowable(() -> {
			byte[] stripped = GifMetadata.strip(input);
			// whatever comes out walks again to the same bytes, ending with the trailer
			assertThat(GifMetadata.strip(stripped)).isEqualTo(stripped);
			assertThat(stripped[stripped.length - 1]).isEqualTo((byte) 0x3B);
		});
		if (thrown != null) {
			assertThat(thrown).isInstanceOf(MalformedImageException.class).hasMessageContaining("GIF");
		}
	}

	private static int indexOf(byte[] data, byte[] part) {
		outer: for (int i = 0; i + part.length <= data.length; i++) {
			for (int j = 0; j < part.length; j++) {
				if (data[i + j] != part[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

	private static byte[] concat(byte[]... parts) {
		byte[] all = new byte[0];
		for (byte[] part : parts) {
			int at = all.length;
			all = Arrays.copyOf(all, at + part.length);
			System.arraycopy(part, 0, all, at, part.length);
		}
		return all;
	}

}
