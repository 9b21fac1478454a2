package io.starpunk.media;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class ImageTypeTests {

	@ParameterizedTest
	@CsvSource({ "ffd8ffe000104a4649460001, JPEG, image/jpeg, jpg", "89504e470d0a1a0a0000000d, PNG, image/png, png",
			"474946383961010001000000, GIF, image/gif, gif", "474946383761010001000000, GIF, image/gif, gif",
			"524946462400000057454250, WEBP, image/webp, webp" })
	void imagesAreKnownByTheirFirstBytes(String hex, ImageType type, String contentType, String extension) {
		assertThat(ImageType.detect(HexFormat.of().parseHex(hex))).contains(type);
		assertThat(type.contentType()).isEqualTo(contentType);
		assertThat(type.extension()).isEqualTo(extension);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "<svg xmlns='http://www.w3.org/2000/svg'/>", "%PDF-1.7", "RIFF....WAVE", "GIF90a",
			"<html><body>", "PNG but not really" })
	void anythingElseIsNoImage(String text) {
		assertThat(ImageType.detect(text.getBytes(StandardCharsets.ISO_8859_1))).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "ff", "ffd8", "89504e470d0a1a", "52494646240000005745" })
	void aFileShorterThanItsSignatureIsNoImage(String hex) {
		assertThat(ImageType.detect(HexFormat.of().parseHex(hex))).isEmpty();
	}

}
