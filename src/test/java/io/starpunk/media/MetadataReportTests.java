package io.starpunk.media;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class MetadataReportTests {

	@Test
	void aPhonePhotoCarriesEverything() {
		MetadataReport report = MetadataReport.of(TestImages.phoneJpeg(40, 30, 6));
		assertThat(report).isEqualTo(new MetadataReport(true, true, true, true, true, false, true, 6));
		assertThat(report.carriesMetadata()).isTrue();
		assertThat(report.clean()).isFalse();
	}

	@ParameterizedTest
	@ValueSource(ints = { 1, 2, 3, 4, 5, 6, 7, 8 })
	void theOrientationIsRead(int orientation) {
		assertThat(MetadataReport.of(TestImages.phoneJpeg(20, 10, orientation)).orientation()).isEqualTo(orientation);
	}

	@Test
	void anOrientationOutOfRangeOrMissingIsOne() {
		assertThat(MetadataReport.of(TestImages.phoneJpeg(20, 10, 9)).orientation()).isEqualTo(1);
		assertThat(MetadataReport.of(TestImages.phoneJpeg(20, 10, 0)).orientation()).isEqualTo(1);
		assertThat(MetadataReport.of(TestImages.plainJpeg(20, 10)).orientation()).isEqualTo(1);
	}

	@Test
	void aPngCarriesTextXmpAndExif() {
		MetadataReport report = MetadataReport.of(TestImages.pngWithText(20, 10));
		assertThat(report).isEqualTo(new MetadataReport(true, true, true, true, false, false, true, 1));
	}

	@Test
	void aGifCarriesCommentsXmpAndAProfile() {
		MetadataReport report = MetadataReport.of(TestImages.animatedGif(2));
		assertThat(report).isEqualTo(new MetadataReport(true, false, false, true, false, true, true, 1));
	}

	@Test
	void anExtendedWebpCarriesExifXmpAndAProfile() {
		MetadataReport report = MetadataReport.of(TestImages.webp(TestImages.WEBP_EXTENDED_METADATA));
		assertThat(report).isEqualTo(new MetadataReport(true, true, true, true, false, true, false, 6));
	}

	@Test
	void imagesWrittenByImageioAreClean() {
		assertThat(MetadataReport.of(TestImages.plainJpeg(20, 10)).clean()).isTrue();
		assertThat(MetadataReport.of(TestImages.plainPng(20, 10)).clean()).isTrue();
		assertThat(MetadataReport.of(TestImages.plainGif(20, 10)).clean()).isTrue();
		assertThat(MetadataReport.of(TestImages.plainAnimatedGif(2)).clean()).isTrue();
	}

	@Test
	void aFileIsReadFromDisk(@TempDir Path directory) throws Exception {
		Path file = directory.resolve("photo.jpg");
		Files.write(file, TestImages.phoneJpeg(20, 10, 3));
		assertThat(MetadataReport.of(file).location()).isTrue();
		assertThat(MetadataReport.of(file).orientation()).isEqualTo(3);
	}

	@Test
	void whatCannotBeReadIsReportedAsUnreadable(@TempDir Path directory) {
		assertThat(MetadataReport.of(new byte[0])).isEqualTo(MetadataReport.UNREADABLE);
		assertThat(MetadataReport.of("not an image at all".getBytes(StandardCharsets.US_ASCII)))
			.isEqualTo(MetadataReport.UNREADABLE);
		assertThat(MetadataReport.of(directory.resolve("missing.jpg"))).isEqualTo(MetadataReport.UNREADABLE);
		assertThat(MetadataReport.of(directory)).isEqualTo(MetadataReport.UNREADABLE);
		assertThat(MetadataReport.UNREADABLE.clean()).isFalse();
		assertThat(MetadataReport.UNREADABLE.carriesMetadata()).isFalse();
	}

	@Test
	void oddFilesNeverThrow() {
		byte[] jpeg = TestImages.phoneJpeg(20, 10, 6);
		for (int length = 0; length < jpeg.length; length += 7) {
			MetadataReport.of(Arrays.copyOf(jpeg, length));
		}
		byte[] garbled = jpeg.clone();
		for (int i = 20; i < 600; i += 13) {
			garbled[i] = (byte) 0xFF;
		}
		MetadataReport.of(garbled);
		MetadataReport.of(TestImages.pngBomb());
		MetadataReport.of(TestImages.jpegBomb());
		MetadataReport.of(TestImages.gifBomb());
	}

}
