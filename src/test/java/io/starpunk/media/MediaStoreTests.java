package io.starpunk.media;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.dao.DataAccessException;
import org.springframework.transaction.support.TransactionTemplate;

import io.starpunk.config.Sha256;
import io.starpunk.config.StarpunkSettings;
import io.starpunk.support.MovableClock;
import io.starpunk.support.Multipart;
import io.starpunk.support.RunningServer;
import io.starpunk.support.Sqlite;
import io.starpunk.support.TestImages;
import io.starpunk.support.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The media store on a real data directory and database, with {@code MEDIA_MAX_BYTES} of
 * 2048: where files land, what their type is decided from, what is refused, and that a
 * refusal or failure leaves nothing behind.
 */
class MediaStoreTests {

	private static final int LIMIT = 2048;

	private static final String TOKEN = "media-store-token-0123456789abcdef0123456789";

	private static final HttpClient http = HttpClient.newHttpClient();

	@TempDir
	static Path dataPath;

	static RunningServer server;

	@BeforeAll
	static void start() throws Exception {
		server = RunningServer.start(dataPath, List.of(), "SITE_URL=http://blog.test/",
				"ADMIN_ME=https://owner.example/", "MEDIA_MAX_BYTES=" + LIMIT);
		TestTokens.insert(dataPath, TOKEN, "https://owner.example/", "media");
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@Test
	void eachImageTypeLandsUnderTheClocksMonthWithItsBytes() throws Exception {
		MediaStore store = storeAt(Instant.parse("2031-07-15T23:59:59Z"), new SecureRandom());
		Map<ImageType, byte[]> images = Map.of(ImageType.JPEG, TestImages.jpeg(), ImageType.PNG, TestImages.png(),
				ImageType.GIF, TestImages.gif(), ImageType.WEBP, TestImages.webp());
		for (Map.Entry<ImageType, byte[]> image : images.entrySet()) {
			ImageType type = image.getKey();
			byte[] bytes = image.getValue();
			StoredMedia stored = store.store(new ByteArrayInputStream(bytes));
			assertThat(stored.type()).isEqualTo(type);
			assertThat(stored.path()).matches("media/2031/07/[A-Za-z0-9_-]{43}\\." + type.extension());
			assertThat(stored.url()).isEqualTo(URI.create("http://blog.test/" + stored.path()));
			byte[] kept = Files.readAllBytes(dataPath.resolve(stored.path()));
			assertThat(stored.size()).isEqualTo(kept.length);
			BufferedImage original = ImageIO.read(new ByteArrayInputStream(bytes));
			BufferedImage read = ImageIO.read(new ByteArrayInputStream(kept));
			assertThat(read.getWidth()).isEqualTo(original.getWidth());
			assertThat(read.getHeight()).isEqualTo(original.getHeight());
			Map<String, String> row = Sqlite
				.rows(dataPath.resolve("starpunk.db"),
						"SELECT content_type, size_bytes, content_hash, created_at FROM media WHERE path = '"
								+ stored.path() + "'")
				.get(0);
			assertThat(row).containsEntry("content_type", type.contentType())
				.containsEntry("size_bytes", Integer.toString(kept.length))
				.containsEntry("content_hash", Sha256.hex(kept))
				.containsEntry("created_at", "2031-07-15 23:59:59");
		}
	}

	@Test
	void theLastUploadIsTheNewest() {
		StoredMedia older = storeAt(Instant.parse("2040-01-01T00:00:00Z"), new SecureRandom())
			.store(new ByteArrayInputStream(TestImages.gif()));
		StoredMedia newer = storeAt(Instant.parse("2040-02-01T00:00:00Z"), new SecureRandom())
			.store(new ByteArrayInputStream(TestImages.png()));
		assertThat(older.path()).startsWith("media/2040/01/");
		assertThat(store().last()).hasValue(newer);
	}

	@Test
	void theTypeComesFromTheBytesNotFromWhatTheClientClaims() throws Exception {
		byte[] png = TestImages.png();
		HttpResponse<String> lying = upload("holiday.jpg", "image/jpeg", png);
		assertThat(lying.statusCode()).as(lying.body()).isEqualTo(201);
		String location = lying.headers().firstValue("Location").orElseThrow();
		assertThat(location).endsWith(".png");
		HttpResponse<byte[]> served = http.send(
				HttpRequest.newBuilder(server.uri(location.substring("http://blog.test/".length()))).build(),
				HttpResponse.BodyHandlers.ofByteArray());
		assertThat(served.headers().firstValue("Content-Type")).hasValue("image/png");
		assertThat(served.body()).isEqualTo(png);

		int files = files();
		HttpResponse<String> html = upload("cat.png", "image/png",
				"<!DOCTYPE html><script>alert(1)</script>".getBytes(StandardCharsets.UTF_8));
		assertThat(html.statusCode()).isEqualTo(415);
		assertThat(html.body()).contains("image/jpeg", "image/png", "image/gif", "image/webp");
		assertThat(files()).isEqualTo(files);
	}

	@Test
	void whatIsNotAnImageIsRefusedAndLeavesNothing() throws Exception {
		Snapshot before = snapshot();
		List<byte[]> notImages = List.of(ascii("<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"/>"),
				ascii("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"),
				ascii("<!DOCTYPE html><html><body>hi</body></html>"), ascii("%PDF-1.7\n%âãÏÓ\n1 0 obj"), ascii("GIF"),
				ascii("RIFF\0\0\0\0WAVEfmt "), new byte[] { (byte) 0xFF, (byte) 0xD8 });
		for (byte[] bytes : notImages) {
			assertThatExceptionOfType(MediaRefusedException.class)
				.isThrownBy(() -> store().store(new ByteArrayInputStream(bytes)))
				.satisfies((refused) -> assertThat(refused.status().value()).isEqualTo(415))
				.withMessageContaining("image/webp");
		}
		assertThat(snapshot()).isEqualTo(before);
	}

	@Test
	void theLimitIsMediaMaxBytesExactly() throws Exception {
		Snapshot before = snapshot();
		assertThatExceptionOfType(MediaRefusedException.class)
			.isThrownBy(() -> store().store(new ByteArrayInputStream(TestImages.padded(TestImages.png(), LIMIT + 1))))
			.satisfies((refused) -> assertThat(refused.status().value()).isEqualTo(413))
			.withMessageContaining("2 KB");
		assertThatExceptionOfType(MediaRefusedException.class)
			.isThrownBy(() -> store().store(new ByteArrayInputStream(new byte[0])))
			.satisfies((refused) -> assertThat(refused.status().value()).isEqualTo(400));
		assertThat(snapshot()).isEqualTo(before);

		byte[] exactly = TestImages.padded(TestImages.png(), LIMIT);
		StoredMedia stored = store().store(new ByteArrayInputStream(exactly));
		// kept as the pixels it holds: the padding after its end is not
		assertThat(ImageIO.read(dataPath.resolve(stored.path()).toFile()).getWidth()).isEqualTo(4);
	}

	@Test
	void anUploadThatBreaksOffLeavesNothing() throws Exception {
		Snapshot before = snapshot();
		InputStream breaksOff = new InputStream() {
			private int sent;

			@Override
			public int read() throws IOException {
				if (this.sent == 100) {
					throw new IOException("connection reset");
				}
				return (this.sent < 8) ? TestImages.png()[this.sent++] : (++this.sent & 0xFF);
			}
		};
		assertThatExceptionOfType(UncheckedIOException.class).isThrownBy(() -> store().store(breaksOff));
		assertThat(snapshot()).isEqualTo(before);
	}

	@Test
	void aNameThatIsTakenNeverReplacesTheFileThatHasIt() throws Exception {
		SecureRandom same = new SecureRandom() {
			@Override
			public void nextBytes(byte[] bytes) {
				Arrays.fill(bytes, (byte) 42);
			}
		};
		MediaStore store = storeAt(Instant.parse("2035-03-03T00:00:00Z"), same);
		byte[] first = TestImages.gif();
		StoredMedia kept = store.store(new ByteArrayInputStream(first));
		Snapshot before = snapshot();
		byte[] second = TestImages.padded(TestImages.gif(), first.length + 10);
		assertThatExceptionOfType(DataAccessException.class)
			.isThrownBy(() -> store.store(new ByteArrayInputStream(second)));
		assertThat(snapshot()).isEqualTo(before);
		assertThat(Files.readAllBytes(dataPath.resolve(kept.path()))).isEqualTo(first);
	}

	private static MediaStore store() {
		return server.context().getBean(MediaStore.class);
	}

	private static MediaStore storeAt(Instant now, SecureRandom random) {
		return new MediaStore(server.context().getBean(MediaRepository.class),
				server.context().getBean(TransactionTemplate.class), server.context().getBean(StarpunkSettings.class),
				new MovableClock(now), random, server.context().getBean(ImagePipeline.class),
				server.context().getBean(ResponsiveImages.class), server.context().getBean(StoredImages.class));
	}

	private static HttpResponse<String> upload(String fileName, String contentType, byte[] content) throws Exception {
		Multipart body = new Multipart().file("file", fileName, contentType, content);
		return http.send(HttpRequest.newBuilder(server.uri("/micropub/media"))
			.header("Authorization", "Bearer " + TOKEN)
			.header("Content-Type", body.contentType())
			.POST(body.publisher())
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.ISO_8859_1);
	}

	/** Every file under DATA_PATH/media (temporary ones included) and every row. */
	private static Snapshot snapshot() throws Exception {
		List<String> rows = Sqlite.rows(dataPath.resolve("starpunk.db"), "SELECT path FROM media ORDER BY id")
			.stream()
			.map((row) -> row.get("path"))
			.toList();
		return new Snapshot(paths(), rows);
	}

	private static int files() throws IOException {
		return paths().size();
	}

	private static List<String> paths() throws IOException {
		Path media = dataPath.resolve("media");
		if (!Files.exists(media)) {
			return List.of();
		}
		try (Stream<Path> all = Files.walk(media)) {
			return all.filter(Files::isRegularFile)
				.map((file) -> dataPath.relativize(file).toString())
				.sorted()
				.toList();
		}
	}

	private record Snapshot(List<String> files, List<String> rows) {
	}

}
