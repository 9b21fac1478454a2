package io.starpunk.media;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import io.starpunk.support.MicropubClient;
import io.starpunk.support.Multipart;
import io.starpunk.support.RunningServer;
import io.starpunk.support.Sqlite;
import io.starpunk.support.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every image stored through the media endpoint passes through the pipeline, over real
 * HTTP with real image files: no served byte of an original or a variant carries the
 * metadata a phone wrote (GPS above all), orientation is applied to the pixels, originals
 * are at most 2048 wide, variants are made as StarPunk 1.4 makes them, and images that
 * would take too much memory to decode are refused from their header.
 */
class ImagePipelineTests {

	private static final String TOKEN = "media-token-0123456789abcdef0123456789abcdef";

	private static final String SITE = "http://blog.test/";

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final HttpClient http = HttpClient.newHttpClient();

	@TempDir
	static Path dataPath;

	static RunningServer server;

	@BeforeAll
	static void start() throws Exception {
		server = RunningServer.start(dataPath, List.of(), "SITE_URL=" + SITE, "ADMIN_ME=https://owner.example/",
				"MEDIA_MAX_BYTES=20MB");
		TestTokens.insert(dataPath, TOKEN, "https://owner.example/", "media create");
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@Test
	void aPhonePhotoLosesItsLocationAndAllItsMetadataInEveryFileServed() throws Exception {
		byte[] phone = TestImages.phoneJpeg(2400, 1800, 1);
		MetadataReport sent = MetadataReport.of(phone);
		assertThat(sent.location()).as("the fixture carries a GPS position").isTrue();
		assertThat(sent.xmp() && sent.iptc() && sent.comments()).isTrue();

		String location = upload("phone.jpg", "image/jpeg", phone);
		Map<String, byte[]> served = servedWithVariants(location);
		assertThat(served).hasSize(5);
		for (Map.Entry<String, byte[]> file : served.entrySet()) {
			byte[] bytes = file.getValue();
			MetadataReport report = MetadataReport.of(bytes);
			assertThat(report.readable()).as(file.getKey()).isTrue();
			assertThat(report.location()).as("GPS in " + file.getKey()).isFalse();
			assertThat(report.exif()).as("EXIF in " + file.getKey()).isFalse();
			assertThat(report.xmp()).as("XMP in " + file.getKey()).isFalse();
			assertThat(report.iptc()).as("IPTC in " + file.getKey()).isFalse();
			assertThat(report.comments()).as("comments in " + file.getKey()).isFalse();
			for (String marker : List.of(TestImages.XMP_CITY, TestImages.XMP_GPS, TestImages.IPTC_CITY,
					TestImages.COMMENT, TestImages.MAKE, TestImages.MODEL, "Exif\0\0", "GPSLatitude")) {
				assertThat(TestImages.contains(bytes, marker)).as(marker + " in " + file.getKey()).isFalse();
			}
		}
	}

	@Test
	void theOrientationIsAppliedToThePixelsAndTheTagIsGone() throws Exception {
		// stored 600 x 400 with orientation 6: shown turned a quarter clockwise, so the
		// red
		// block of the stored top-left corner is seen at the top right
		String location = upload("turned.jpg", "image/jpeg", TestImages.phoneJpeg(600, 400, 6));
		byte[] original = get(location);
		BufferedImage image = ImageIO.read(new ByteArrayInputStream(original));
		assertThat(image.getWidth()).isEqualTo(400);
		assertThat(image.getHeight()).isEqualTo(600);
		assertThat(isRed(image.getRGB(image.getWidth() - 10, 10))).as("red at the top right").isTrue();
		assertThat(isRed(image.getRGB(10, 10))).as("red at the top left").isFalse();
		assertThat(MetadataReport.of(original).orientation()).isEqualTo(1);
	}

	@Test
	void originalsWiderThan2048AreScaledDownAndVariantsAreMadeWhereTheOriginalIsWider() throws Exception {
		Map<String, int[]> wide = sizes(upload("wide.jpg", "image/jpeg", TestImages.plainJpeg(3000, 2000)));
		assertThat(wide).containsOnlyKeys("original", "thumb", "small", "medium", "large");
		assertThat(wide.get("original")).containsExactly(2048, 1365);
		assertThat(wide.get("thumb")).containsExactly(150, 150);
		assertThat(wide.get("small")).containsExactly(320, 213);
		assertThat(wide.get("medium")).containsExactly(640, 427);
		assertThat(wide.get("large")).containsExactly(1280, 853);

		Map<String, int[]> middle = sizes(upload("middle.png", "image/png", TestImages.plainPng(1000, 500)));
		assertThat(middle).containsOnlyKeys("original", "thumb", "small", "medium");
		assertThat(middle.get("original")).as("never scaled up").containsExactly(1000, 500);

		Map<String, int[]> small = sizes(upload("small.png", "image/png", TestImages.plainPng(100, 80)));
		assertThat(small).containsOnlyKeys("original", "thumb");
		assertThat(small.get("original")).containsExactly(100, 80);

		List<Map<String, String>> types = Sqlite.rows(dataPath.resolve("starpunk.db"),
				"SELECT v.content_type AS type FROM media v JOIN media o ON v.original_id = o.id WHERE o.path LIKE '%.png'");
		assertThat(types).isNotEmpty().allSatisfy((row) -> assertThat(row.get("type")).isEqualTo("image/png"));
	}

	@Test
	void anAnimatedGifStaysAnimatedWithoutItsCommentsAndItsVariantsAreStills() throws Exception {
		byte[] gif = TestImages.animatedGif(3);
		assertThat(MetadataReport.of(gif).comments()).isTrue();
		String location = upload("moving.gif", "image/gif", gif);
		byte[] original = get(location);
		assertThat(ImageAssertions.frames(original)).hasSize(3);
		MetadataReport report = MetadataReport.of(original);
		assertThat(report.comments()).isFalse();
		assertThat(report.xmp()).isFalse();
		assertThat(TestImages.contains(original, TestImages.COMMENT)).isFalse();
		Map<String, byte[]> served = servedWithVariants(location);
		served.remove(location);
		assertThat(served).isNotEmpty();
		served.values().forEach((variant) -> assertThat(ImageType.detect(variant)).hasValue(ImageType.PNG));
	}

	@Test
	void anAnimatedWebpKeepsItsFramesAndLosesItsMetadataChunks() throws Exception {
		String location = upload("moving.webp", "image/webp", TestImages.webp(TestImages.WEBP_ANIMATED_METADATA));
		assertThat(location).endsWith(".webp");
		byte[] original = get(location);
		assertThat(original).isEqualTo(TestImages.webp(TestImages.WEBP_ANIMATED_CLEAN));
		assertThat(MetadataReport.of(original).location()).isFalse();
	}

	@Test
	void aStillWebpThatMustBeTurnedBecomesAPngKeepingItsTransparency() throws Exception {
		// its EXIF says orientation 6; WebP cannot be written, so the turned pixels are a
		// PNG
		String location = upload("meta.webp", "image/webp", TestImages.webp(TestImages.WEBP_EXTENDED_METADATA));
		assertThat(location).endsWith(".png");
		byte[] original = get(location);
		BufferedImage image = ImageIO.read(new ByteArrayInputStream(original));
		assertThat(image.getWidth()).isEqualTo(48);
		assertThat(image.getHeight()).isEqualTo(64);
		assertThat(image.getColorModel().hasAlpha()).isTrue();
		assertThat(MetadataReport.of(original).location()).isFalse();
		assertThat(TestImages.contains(original, TestImages.XMP_CITY)).isFalse();
	}

	@Test
	void aCleanStillWebpIsKeptAsItsOwnBytes() throws Exception {
		String location = upload("plain.webp", "image/webp", TestImages.webp(TestImages.WEBP_LOSSY));
		assertThat(get(location)).isEqualTo(TestImages.webp(TestImages.WEBP_LOSSY));
	}

	@Test
	void aPngLosesItsTextAndExifChunks() throws Exception {
		byte[] png = TestImages.pngWithText(200, 100);
		assertThat(MetadataReport.of(png).comments()).isTrue();
		for (byte[] bytes : servedWithVariants(upload("text.png", "image/png", png)).values()) {
			MetadataReport report = MetadataReport.of(bytes);
			assertThat(report.comments() || report.xmp() || report.exif() || report.location()).isFalse();
			assertThat(TestImages.contains(bytes, TestImages.COMMENT)).isFalse();
		}
	}

	@Test
	void imagesThatWouldTakeTooMuchMemoryAreRefusedFromTheirHeaderAndNothingIsKept() throws Exception {
		int files = storedFiles();
		Map<String, byte[]> bombs = new LinkedHashMap<>();
		bombs.put("image/png", TestImages.pngBomb());
		bombs.put("image/jpeg", TestImages.jpegBomb());
		bombs.put("image/gif", TestImages.gifBomb());
		bombs.put("image/webp", TestImages.webpBomb());
		for (Map.Entry<String, byte[]> bomb : bombs.entrySet()) {
			HttpResponse<String> refused = new MicropubClient(server).multipart("/micropub/media", TOKEN,
					new Multipart().file("file", "bomb", bomb.getKey(), bomb.getValue()));
			assertThat(refused.statusCode()).as(bomb.getKey() + ": " + refused.body()).isEqualTo(413);
			assertThat(json.readTree(refused.body()).path("error_description").asString()).contains("megapixels");
		}
		assertThat(storedFiles()).isEqualTo(files);
	}

	@Test
	void anIphonePhotoInHeicIsRefusedWithWhatToSendInstead() throws Exception {
		byte[] heic = new byte[64];
		byte[] box = "\0\0\0\u0018ftypheic\0\0\0\0mif1heic".getBytes(StandardCharsets.ISO_8859_1);
		System.arraycopy(box, 0, heic, 0, box.length);
		HttpResponse<String> refused = new MicropubClient(server).multipart("/micropub/media", TOKEN,
				new Multipart().file("file", "IMG_0001.HEIC", "image/heic", heic));
		assertThat(refused.statusCode()).isEqualTo(415);
		assertThat(json.readTree(refused.body()).path("error_description").asString()).contains("HEIC")
			.contains("JPEG");
	}

	@Test
	void aCmykJpegIsStoredInRgb() throws Exception {
		// four channels, as print workflows write them; browsers show CMYK JPEGs badly or
		// not
		// at all
		WritableRaster cmyk = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, 64, 48, 4, null);
		for (int y = 0; y < 48; y++) {
			for (int x = 0; x < 64; x++) {
				cmyk.setPixel(x, y, new int[] { (x < 32) ? 0 : 200, 200, 50, 10 });
			}
		}
		ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
		ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
		try (ImageOutputStream out = ImageIO.createImageOutputStream(jpeg)) {
			writer.setOutput(out);
			writer.write(null, new IIOImage(cmyk, null, null), null);
		}
		finally {
			writer.dispose();
		}
		byte[] original = get(upload("print.jpg", "image/jpeg", jpeg.toByteArray()));
		BufferedImage stored = ImageIO.read(new ByteArrayInputStream(original));
		assertThat(stored.getColorModel().getNumComponents()).isEqualTo(3);
		assertThat(stored.getColorModel().getColorSpace().isCS_sRGB()).isTrue();
		assertThat(stored.getWidth()).isEqualTo(64);
	}

	@Test
	void aFileThatStartsLikeAnImageButIsNotOneIsA415() throws Exception {
		byte[] broken = TestImages.plainJpeg(64, 64);
		byte[] truncated = java.util.Arrays.copyOf(broken, 40);
		HttpResponse<String> refused = new MicropubClient(server).multipart("/micropub/media", TOKEN,
				new Multipart().file("file", "broken.jpg", "image/jpeg", truncated));
		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(415);
	}

	private static boolean isRed(int argb) {
		Color color = new Color(argb);
		return color.getRed() > 180 && color.getGreen() < 90 && color.getBlue() < 90;
	}

	/** Uploads a file to the media endpoint and answers its URL. */
	static String upload(String name, String type, byte[] content) {
		HttpResponse<String> created = new MicropubClient(server).multipart("/micropub/media", TOKEN,
				new Multipart().file("file", name, type, content));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		return created.headers().firstValue("Location").orElseThrow();
	}

	/** The original at a URL and each of its variants, by URL, each fetched over HTTP. */
	private static Map<String, byte[]> servedWithVariants(String location) throws Exception {
		Map<String, byte[]> served = new LinkedHashMap<>();
		served.put(location, get(location));
		String path = location.substring(SITE.length());
		for (Map<String, String> row : Sqlite.rows(dataPath.resolve("starpunk.db"),
				"SELECT v.path AS path FROM media v JOIN media o ON v.original_id = o.id WHERE o.path = '" + path
						+ "'")) {
			served.put(SITE + row.get("path"), get(SITE + row.get("path")));
		}
		return served;
	}

	/** The pixel size of the original at a URL and of each variant, by variant name. */
	private static Map<String, int[]> sizes(String location) throws Exception {
		Map<String, int[]> sizes = new LinkedHashMap<>();
		String path = location.substring(SITE.length());
		for (Map<String, String> row : Sqlite.rows(dataPath.resolve("starpunk.db"),
				"SELECT path, coalesce(variant, 'original') AS variant, width, height FROM media WHERE path = '" + path
						+ "' OR original_id = (SELECT id FROM media WHERE path = '" + path + "')")) {
			BufferedImage image = ImageIO.read(new ByteArrayInputStream(get(SITE + row.get("path"))));
			int[] size = { image.getWidth(), image.getHeight() };
			assertThat(size).as("the row's size")
				.containsExactly(Integer.parseInt(row.get("width")), Integer.parseInt(row.get("height")));
			sizes.put(row.get("variant"), size);
		}
		return sizes;
	}

	private static byte[] get(String url) throws Exception {
		assertThat(url).startsWith(SITE);
		HttpResponse<byte[]> response = http.send(
				HttpRequest.newBuilder(server.uri(url.substring(SITE.length()))).build(),
				HttpResponse.BodyHandlers.ofByteArray());
		assertThat(response.statusCode()).as(url).isEqualTo(200);
		return response.body();
	}

	private static int storedFiles() throws Exception {
		if (!Files.exists(dataPath.resolve("media"))) {
			return 0;
		}
		try (var files = Files.walk(dataPath.resolve("media"))) {
			return (int) files.filter(Files::isRegularFile).count();
		}
	}

}
