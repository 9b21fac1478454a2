package io.starpunk.media;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import com.drew.imaging.ImageMetadataReader;
import com.drew.lang.GeoLocation;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.GpsDirectory;
import com.drew.metadata.iptc.IptcDirectory;
import com.drew.metadata.xmp.XmpDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The fixtures prove nothing unless real readers see in them what they claim to hold. */
class TestImagesTests {

	@Test
	void thePhoneJpegCarriesALocationAnOrientationXmpAndIptcThatMetadataExtractorReads() throws Exception {
		Metadata metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(TestImages.phoneJpeg(80, 60, 6)));
		GeoLocation location = metadata.getFirstDirectoryOfType(GpsDirectory.class).getGeoLocation();
		assertThat(location.getLatitude()).isCloseTo(51.5007, within(0.0001));
		assertThat(location.getLongitude()).isCloseTo(-0.1246, within(0.0001));
		ExifIFD0Directory ifd0 = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
		assertThat(ifd0.getInt(ExifIFD0Directory.TAG_ORIENTATION)).isEqualTo(6);
		assertThat(ifd0.getString(ExifIFD0Directory.TAG_MAKE)).isEqualTo(TestImages.MAKE);
		assertThat(metadata.getFirstDirectoryOfType(XmpDirectory.class).getXmpProperties())
			.containsEntry("photoshop:City", TestImages.XMP_CITY);
		assertThat(metadata.getFirstDirectoryOfType(IptcDirectory.class).getString(IptcDirectory.TAG_CITY))
			.isEqualTo(TestImages.IPTC_CITY);
		metadata.getDirectories().forEach((directory) -> assertThat(directory.getErrors()).isEmpty());
	}

	@Test
	void thePhoneJpegDecodesToThePictureWithItsMarkerTopLeft() throws Exception {
		BufferedImage image = ImageIO.read(new ByteArrayInputStream(TestImages.phoneJpeg(80, 60, 1)));
		assertThat(image.getWidth()).isEqualTo(80);
		assertThat(image.getHeight()).isEqualTo(60);
		assertThat(red(image.getRGB(2, 2))).isGreaterThan(200);
		assertThat(red(image.getRGB(70, 50))).isLessThan(60);
	}

	@Test
	void thePngCarriesTextXmpAndAnExifLocation() throws Exception {
		byte[] png = TestImages.pngWithText(40, 30);
		Metadata metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(png));
		assertThat(metadata.getFirstDirectoryOfType(GpsDirectory.class).getGeoLocation().getLatitude())
			.isCloseTo(51.5007, within(0.0001));
		assertThat(metadata.getFirstDirectoryOfType(XmpDirectory.class)).isNotNull();
		assertThat(ImageIO.read(new ByteArrayInputStream(png)).getWidth()).isEqualTo(40);
	}

	@Test
	void theGifsCarryACommentXmpAndAnIccProfileAndStillDecode() {
		MetadataReport report = MetadataReport.of(TestImages.gif(40, 30));
		assertThat(report.comments()).isTrue();
		assertThat(report.xmp()).isTrue();
		assertThat(report.icc()).isTrue();
		assertThat(ImageAssertions.frames(TestImages.gif(40, 30))).hasSize(1);
		assertThat(ImageAssertions.frames(TestImages.animatedGif(4))).hasSize(4);
		assertThat(MetadataReport.of(TestImages.animatedGif(4)).xmp()).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { TestImages.WEBP_LOSSY, TestImages.WEBP_LOSSLESS_ALPHA, TestImages.WEBP_EXTENDED_METADATA,
			TestImages.WEBP_EXTENDED_CLEAN })
	void theStillWebpFixturesDecode(String name) {
		BufferedImage image = ImageAssertions.frames(TestImages.webp(name)).get(0);
		assertThat(image.getWidth()).isEqualTo(64);
		assertThat(image.getHeight()).isEqualTo(48);
		assertThat(red(image.getRGB(1, 1))).isGreaterThan(200);
	}

	@ParameterizedTest
	@ValueSource(strings = { TestImages.WEBP_ANIMATED_METADATA, TestImages.WEBP_ANIMATED_CLEAN })
	void theAnimatedWebpFixturesDecodeToThreeFrames(String name) {
		assertThat(ImageAssertions.frames(TestImages.webp(name))).hasSize(3);
	}

	@Test
	void theExtendedWebpCarriesALocationXmpAndAnIccProfile() {
		MetadataReport report = MetadataReport.of(TestImages.webp(TestImages.WEBP_EXTENDED_METADATA));
		assertThat(report.location()).isTrue();
		assertThat(report.xmp()).isTrue();
		assertThat(report.icc()).isTrue();
		assertThat(report.orientation()).isEqualTo(6);
	}

	@Test
	void theMarkersTestsSearchForAreInTheBytes() {
		byte[] jpeg = TestImages.phoneJpeg(20, 10, 1);
		assertThat(TestImages.contains(jpeg, TestImages.XMP_CITY)).isTrue();
		assertThat(TestImages.contains(jpeg, TestImages.XMP_GPS)).isTrue();
		assertThat(TestImages.contains(jpeg, TestImages.IPTC_CITY)).isTrue();
		assertThat(TestImages.contains(jpeg, TestImages.COMMENT)).isTrue();
		assertThat(TestImages.contains(jpeg, TestImages.MAKE)).isTrue();
		assertThat(TestImages.contains(jpeg, TiffFixture.latitudeBytes())).isTrue();
		byte[] png = TestImages.pngWithText(20, 10);
		assertThat(TestImages.contains(png, TestImages.XMP_CITY)).isTrue();
		assertThat(TestImages.contains(png, TestImages.COMMENT)).isTrue();
		assertThat(TestImages.contains(png, TiffFixture.latitudeBytes())).isTrue();
		byte[] gif = TestImages.animatedGif(2);
		assertThat(TestImages.contains(gif, TestImages.XMP_CITY)).isTrue();
		assertThat(TestImages.contains(gif, TestImages.COMMENT)).isTrue();
		byte[] webp = TestImages.webp(TestImages.WEBP_EXTENDED_METADATA);
		assertThat(TestImages.contains(webp, TestImages.XMP_CITY)).isTrue();
		assertThat(TestImages.contains(webp, TestImages.MAKE)).isTrue();
		assertThat(TestImages.contains(webp, TiffFixture.latitudeBytes())).isTrue();
		for (byte[] plain : new byte[][] { TestImages.plainJpeg(20, 10), TestImages.plainPng(20, 10),
				TestImages.plainGif(20, 10), TestImages.webp(TestImages.WEBP_EXTENDED_CLEAN) }) {
			assertThat(TestImages.contains(plain, TestImages.XMP_CITY)).isFalse();
			assertThat(TestImages.contains(plain, TiffFixture.latitudeBytes())).isFalse();
		}
	}

	@Test
	void theBombsClaimHugeSizesInSmallFiles() throws Exception {
		assertThat(TestImages.pngBomb()).hasSizeLessThan(1000);
		assertThat(declaredSize(TestImages.pngBomb())).isEqualTo(new Dimensions(100_000, 100_000));
		assertThat(TestImages.jpegBomb()).hasSizeLessThan(2000);
		assertThat(declaredSize(TestImages.jpegBomb())).isEqualTo(new Dimensions(60_000, 60_000));
		assertThat(TestImages.gifBomb()).hasSizeLessThan(2000);
		assertThat(declaredSize(TestImages.gifBomb())).isEqualTo(new Dimensions(65_535, 65_535));
		assertThat(declaredSize(TestImages.webpBomb())).isEqualTo(new Dimensions(16_384, 16_384));
	}

	private static Dimensions declaredSize(byte[] image) throws IOException {
		try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(image))) {
			Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
			ImageReader reader = readers.next();
			try {
				reader.setInput(in);
				return new Dimensions(reader.getWidth(0), reader.getHeight(0));
			}
			finally {
				reader.dispose();
			}
		}
	}

	private static int red(int rgb) {
		return (rgb >> 16) & 0xFF;
	}

}
