package io.starpunk.media;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.starpunk.support.Multipart;
import io.starpunk.support.Sqlite;
import io.starpunk.support.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The server in a JVM of its own with the container image's heap and compiler
 * ({@code -Xmx96m -XX:+UseSerialGC -XX:TieredStopAtLevel=1}) stores large photos, one
 * after another or several at once, without running out of heap: no upload is answered
 * 500, the process lives on and answers {@code /health}, and its log never names an
 * {@code OutOfMemoryError}. The JVM is not told to exit or dump its heap on one, so that
 * an error shows as such in the log and in the answers.
 * <p>
 * The large files are 5000 x 4000 pixels (20 megapixels) of noise over a gradient,
 * written by javax.imageio at quality 1.0: 20.2 MB each (the noise is chosen for that;
 * {@link #NOISE}), under {@code MEDIA_MAX_BYTES=25MB}. Four are sent at once; the server
 * decodes one image at a time and makes the others wait (up to a minute, so all four are
 * stored).
 */
class ImageMemoryTests {

	/** The container image's heap and compiler (the Dockerfile's ENTRYPOINT). */
	static final List<String> IMAGE_JVM = List.of("-Xmx96m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
			"-XX:-HeapDumpOnOutOfMemoryError");

	/**
	 * The amplitude of the noise that makes a 5000 x 4000 JPEG at quality 1.0 about 20
	 * MB.
	 */
	static final int NOISE = 34;

	private static final String TOKEN = "memory-token-0123456789abcdef0123456789abcdef";

	private static final String SITE = "http://blog.test/";

	private static final Duration HEALTH_WAIT = Duration.ofSeconds(90);

	private static final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	@TempDir
	static Path tempDir;

	static Path dataPath;

	static Path log;

	static Process server;

	static URI base;

	@BeforeAll
	static void start() throws Exception {
		dataPath = Files.createDirectories(tempDir.resolve("data"));
		log = tempDir.resolve("server.log");
		int port = freePort();
		base = URI.create("http://127.0.0.1:" + port + "/");
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(IMAGE_JVM);
		// the application's own class path, without the test classes: component scanning
		// would otherwise take in every test's nested configuration (stand-in host
		// lookups, test job handlers), which is not the server a container runs
		String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
			.filter((entry) -> !Path.of(entry).endsWith("test-classes"))
			.collect(Collectors.joining(File.pathSeparator));
		command.addAll(List.of("-cp", classPath, "io.starpunk.StarpunkApplication", "--server.address=127.0.0.1"));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.directory(tempDir.toFile());
		builder.environment()
			.putAll(Map.of("DATA_PATH", dataPath.toString(), "PORT", Integer.toString(port), "SITE_URL", SITE,
					"ADMIN_ME", "https://owner.example/", "MEDIA_MAX_BYTES", "25MB"));
		server = builder.start();
		awaitHealth();
		// the schema exists once the server is healthy; a token not found is not cached
		TestTokens.insert(dataPath, TOKEN, "https://owner.example/", "media");
	}

	@AfterAll
	static void stop() throws InterruptedException {
		if (server != null) {
			server.destroy();
			if (!server.waitFor(15, TimeUnit.SECONDS)) {
				server.destroyForcibly().waitFor(15, TimeUnit.SECONDS);
			}
		}
	}

	/**
	 * How much of the log was written before the test, so each test reads its own part.
	 */
	private int logBefore;

	@BeforeEach
	void markTheLog() {
		this.logBefore = output().length();
	}

	@AfterEach
	void serverIsAliveHealthyAndNeverRanOutOfHeap() throws Exception {
		assertThat(server.isAlive()).as("the server is alive; its log:%n%s", output()).isTrue();
		HttpResponse<String> health = http.send(
				HttpRequest.newBuilder(base.resolve("health")).timeout(Duration.ofSeconds(10)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(output().substring(this.logBefore)).doesNotContain("OutOfMemoryError");
	}

	@Test
	void fourTwentyMegabytePhotosSentAtOnceAreAllStoredWithinTheImageHeap() throws Exception {
		byte[] large = noisyJpeg(5000, 4000, NOISE);
		assertThat(large.length).as("about 20 MB").isBetween(18_000_000, 24_000_000);
		List<byte[]> files = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			files.add(withComment(large, "copy " + i));
		}
		ExecutorService threads = Executors.newFixedThreadPool(files.size());
		try {
			List<Future<HttpResponse<String>>> answers = new ArrayList<>();
			for (int i = 0; i < files.size(); i++) {
				byte[] file = files.get(i);
				String name = "large-" + i + ".jpg";
				answers.add(threads.submit(() -> upload(name, file)));
			}
			List<String> locations = new ArrayList<>();
			for (Future<HttpResponse<String>> answer : answers) {
				HttpResponse<String> response = answer.get(3, TimeUnit.MINUTES);
				assertThat(response.statusCode()).as("%s%n%s", response.body(), tail()).isEqualTo(201);
				locations.add(response.headers().firstValue("Location").orElseThrow());
			}
			for (String location : locations) {
				assertThat(storedWidth(location)).as(location).isEqualTo(ImagePipeline.MAX_WIDTH);
				assertThat(variantCount(location)).as(location).isEqualTo(Variant.values().length);
			}
		}
		finally {
			threads.shutdownNow();
		}
	}

	/**
	 * A phone's 12-megapixel photo, held as it was taken (orientation 1) and turned a
	 * quarter (orientation 6: stored 4032 x 3024, shown 3024 x 4032, kept 2048 x 2731).
	 */
	@ParameterizedTest(name = "orientation {0}")
	@ValueSource(ints = { 1, 6 })
	void aTwelveMegapixelPhonePhotoIsStoredWithinTheImageHeap(int orientation) throws Exception {
		HttpResponse<String> response = upload("phone.jpg", TestImages.phoneJpeg(4032, 3024, orientation));
		assertThat(response.statusCode()).as("%s%n%s", response.body(), tail()).isEqualTo(201);
		String location = response.headers().firstValue("Location").orElseThrow();
		assertThat(storedWidth(location)).isEqualTo(ImagePipeline.MAX_WIDTH);
		assertThat(variantCount(location)).isEqualTo(Variant.values().length);
	}

	/**
	 * The same photo, turned, with a colour profile other than sRGB in an APP2 segment
	 * (Java's linear RGB profile), which the pipeline converts to sRGB.
	 */
	@Test
	void aTwelveMegapixelPhonePhotoWithAColourProfileIsStoredWithinTheImageHeap() throws Exception {
		byte[] profile = ICC_Profile.getInstance(ColorSpace.CS_LINEAR_RGB).getData();
		byte[] photo = withSegment(TestImages.phoneJpeg(4032, 3024, 6), 0xE2,
				concat("ICC_PROFILE\0".getBytes(StandardCharsets.US_ASCII), new byte[] { 1, 1 }, profile));
		HttpResponse<String> response = upload("profiled.jpg", photo);
		assertThat(response.statusCode()).as("%s%n%s", response.body(), tail()).isEqualTo(201);
		String location = response.headers().firstValue("Location").orElseThrow();
		assertThat(storedWidth(location)).isEqualTo(ImagePipeline.MAX_WIDTH);
		assertThat(variantCount(location)).isEqualTo(Variant.values().length);
	}

	private static HttpResponse<String> upload(String name, byte[] content) throws Exception {
		Multipart body = new Multipart().file("file", name, "image/jpeg", content);
		return http.send(HttpRequest.newBuilder(base.resolve("micropub/media"))
			.timeout(Duration.ofMinutes(3))
			.header("Authorization", "Bearer " + TOKEN)
			.header("Content-Type", body.contentType())
			.POST(body.publisher())
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** The width of a stored original, from the header of the file served at its URL. */
	private static int storedWidth(String location) throws Exception {
		HttpResponse<byte[]> served = http.send(HttpRequest.newBuilder(base.resolve(location.substring(SITE.length())))
			.timeout(Duration.ofSeconds(30))
			.build(), HttpResponse.BodyHandlers.ofByteArray());
		assertThat(served.statusCode()).isEqualTo(200);
		try (ImageInputStream input = ImageIO.createImageInputStream(new java.io.ByteArrayInputStream(served.body()))) {
			ImageReader reader = ImageIO.getImageReaders(input).next();
			try {
				reader.setInput(input, true, true);
				return reader.getWidth(0);
			}
			finally {
				reader.dispose();
			}
		}
	}

	private static int variantCount(String location) throws Exception {
		String path = location.substring(SITE.length());
		return Integer.parseInt(
				Sqlite
					.rows(dataPath.resolve("starpunk.db"),
							"SELECT count(*) AS n FROM media WHERE original_id = (SELECT id FROM media WHERE path = '"
									+ path + "')")
					.get(0)
					.get("n"));
	}

	/**
	 * A JPEG of a gradient under uniform noise of the given amplitude, at quality 1.0:
	 * the noise is what makes it large, as a camera's sensor noise does.
	 */
	static byte[] noisyJpeg(int width, int height, int noise) {
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
		byte[] pixels = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
		SplittableRandom random = new SplittableRandom(20261206);
		int i = 0;
		for (int y = 0; y < height; y++) {
			int blue = 200 * y / height;
			for (int x = 0; x < width; x++) {
				pixels[i++] = (byte) (blue + random.nextInt(noise));
				pixels[i++] = (byte) (40 + 180 * x / width + random.nextInt(noise));
				pixels[i++] = (byte) (100 + random.nextInt(noise));
			}
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream(24_000_000);
		ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
		try (ImageOutputStream output = ImageIO.createImageOutputStream(out)) {
			writer.setOutput(output);
			ImageWriteParam param = writer.getDefaultWriteParam();
			param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
			param.setCompressionQuality(1.0f);
			writer.write(null, new IIOImage(image, null, null), param);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			writer.dispose();
		}
		return out.toByteArray();
	}

	/**
	 * The same JPEG with a comment (COM) segment after its start: other bytes, same
	 * pixels.
	 */
	private static byte[] withComment(byte[] jpeg, String comment) {
		return withSegment(jpeg, 0xFE, comment.getBytes(StandardCharsets.US_ASCII));
	}

	/** The same JPEG with one more segment right after its start. */
	private static byte[] withSegment(byte[] jpeg, int marker, byte[] payload) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(jpeg.length + payload.length + 4);
		out.write(jpeg, 0, 2);
		out.write(0xFF);
		out.write(marker);
		out.write((payload.length + 2) >> 8);
		out.write(payload.length + 2);
		out.writeBytes(payload);
		out.write(jpeg, 2, jpeg.length - 2);
		return out.toByteArray();
	}

	private static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}

	private static void awaitHealth() throws Exception {
		HttpRequest request = HttpRequest.newBuilder(base.resolve("health")).timeout(Duration.ofSeconds(5)).build();
		long deadline = System.nanoTime() + HEALTH_WAIT.toNanos();
		while (System.nanoTime() < deadline) {
			if (!server.isAlive()) {
				fail("The server exited with %d before it was healthy:%n%s", server.exitValue(), output());
			}
			try {
				if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(200);
		}
		fail("No healthy /health within %s:%n%s", HEALTH_WAIT, output());
	}

	private static String output() {
		try {
			return Files.readString(log, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			return "(output unreadable: " + ex.getMessage() + ")";
		}
	}

	/** The end of the server's log, for a failure message. */
	private static String tail() {
		String output = output();
		return "server log (end):\n" + output.substring(Math.max(0, output.length() - 4000));
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
