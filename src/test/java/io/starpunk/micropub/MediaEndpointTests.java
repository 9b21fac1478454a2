package io.starpunk.micropub;

import java.awt.image.BufferedImage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import io.starpunk.support.MicropubClient;
import io.starpunk.support.Multipart;
import io.starpunk.support.RunningServer;
import io.starpunk.support.TestImages;
import io.starpunk.support.TestTokens;

import static io.starpunk.support.JsonErrors.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Micropub media endpoint over real HTTP (micropub.rocks 700, 701, 702 and more):
 * uploads come back from the site with their exact type and long caching, tokens and
 * scopes are checked, and no request reaches a file that is not an upload.
 */
class MediaEndpointTests {

	private static final int LIMIT = 4096;

	private static final String MEDIA_ONLY = "media-token-0123456789abcdef0123456789abcdef";

	private static final String CREATE = "create-token-0123456789abcdef0123456789abcdef";

	private static final String DRAFT_ONLY = "draft-token-0123456789abcdef0123456789abcdef";

	private static final String SOMEONE_ELSE = "other-token-0123456789abcdef0123456789abcdef";

	private static final String SITE = "http://blog.test/";

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final HttpClient http = HttpClient.newHttpClient();

	@TempDir
	static Path dataPath;

	static RunningServer server;

	static HttpResponse<String> lastBeforeAnyUpload;

	@BeforeAll
	static void start() throws Exception {
		server = RunningServer.start(dataPath, List.of(), "SITE_URL=" + SITE, "ADMIN_ME=https://owner.example/",
				"MEDIA_MAX_BYTES=" + LIMIT);
		TestTokens.insert(dataPath, MEDIA_ONLY, "https://owner.example/", "media");
		TestTokens.insert(dataPath, CREATE, "https://owner.example/", "create");
		TestTokens.insert(dataPath, DRAFT_ONLY, "https://owner.example/", "draft update");
		TestTokens.insert(dataPath, SOMEONE_ELSE, "https://someone-else.example/", "media create");
		lastBeforeAnyUpload = get("/micropub/media?q=last", MEDIA_ONLY, Map.of());
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@Test
	void uploadedImagesAreServedBackWithTheirTypeAndPixelsAndCleanGifAndWebpWithTheirBytes() throws Exception {
		Map<String, byte[]> images = Map.of("image/jpeg", TestImages.jpeg(), "image/png", TestImages.png(), "image/gif",
				TestImages.gif(), "image/webp", TestImages.webp());
		for (Map.Entry<String, byte[]> image : images.entrySet()) {
			HttpResponse<String> created = upload(MEDIA_ONLY,
					new Multipart().file("file", "photo", image.getKey(), image.getValue()));
			assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
			String location = created.headers().firstValue("Location").orElseThrow();
			assertThat(location).matches("http://blog\\.test/media/\\d{4}/\\d{2}/[A-Za-z0-9_-]+\\.(jpg|png|gif|webp)");
			assertThat(json.readTree(created.body()).path("url").asString()).isEqualTo(location);

			HttpResponse<byte[]> served = bytes(HttpRequest.newBuilder(onServer(location)));
			assertThat(served.statusCode()).isEqualTo(200);
			assertThat(served.headers().firstValue("Content-Type")).hasValue(image.getKey());
			// JPEG and PNG are written again (without metadata); a GIF or WebP without
			// metadata keeps its bytes
			assertSamePixelSize(served.body(), image.getValue());
			if (image.getKey().equals("image/gif") || image.getKey().equals("image/webp")) {
				assertThat(served.body()).isEqualTo(image.getValue());
			}
			assertThat(served.headers().firstValue("Cache-Control")).hasValue("public, max-age=31536000, immutable");
			assertThat(served.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
			String etag = served.headers().firstValue("ETag").orElseThrow();

			HttpResponse<byte[]> again = bytes(
					HttpRequest.newBuilder(onServer(location)).header("If-None-Match", etag));
			assertThat(again.statusCode()).isEqualTo(304);
			assertThat(again.body()).isEmpty();

			HttpResponse<byte[]> head = bytes(
					HttpRequest.newBuilder(onServer(location)).method("HEAD", HttpRequest.BodyPublishers.noBody()));
			assertThat(head.statusCode()).isEqualTo(200);
			assertThat(head.headers().firstValue("Content-Type")).hasValue(image.getKey());
			assertThat(head.headers().firstValue("Content-Length")).hasValue(Integer.toString(served.body().length));
			assertThat(head.body()).isEmpty();
		}
	}

	@Test
	void lastNamesTheMostRecentUpload() throws Exception {
		assertThat(lastBeforeAnyUpload.statusCode()).isEqualTo(200);
		assertThat(json.readTree(lastBeforeAnyUpload.body()).isObject()).isTrue();
		assertThat(json.readTree(lastBeforeAnyUpload.body()).size()).isZero();
		String location = upload(MEDIA_ONLY, new Multipart().file("file", "a.gif", "image/gif", TestImages.gif()))
			.headers()
			.firstValue("Location")
			.orElseThrow();
		HttpResponse<String> last = get("/micropub/media?q=last", CREATE, Map.of());
		assertThat(last.statusCode()).isEqualTo(200);
		assertThat(json.readTree(last.body()).path("url").asString()).isEqualTo(location);
		assertError(get("/micropub/media?q=config", MEDIA_ONLY, Map.of()), 400, "invalid_request");
		assertError(get("/micropub/media", MEDIA_ONLY, Map.of()), 400, "invalid_request");
		assertError(get("/micropub/media?q=last", null, Map.of()), 401, "unauthorized");
	}

	@Test
	void aMediaOrCreateTokenMayUploadAndNoOtherMay() throws Exception {
		Multipart png = new Multipart().file("file", "p.png", "image/png", TestImages.png());
		assertThat(upload(MEDIA_ONLY, png).statusCode()).isEqualTo(201);
		assertThat(upload(CREATE, png).statusCode()).isEqualTo(201);
		HttpResponse<String> draft = upload(DRAFT_ONLY, png);
		assertError(draft, 403, "insufficient_scope");
		assertThat(json.readTree(draft.body()).path("scope").asString()).isEqualTo("media");
		HttpResponse<String> none = upload(null, png);
		assertError(none, 401, "unauthorized");
		assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
		assertError(upload("not-a-token", png), 401, "unauthorized");
		assertError(upload(SOMEONE_ELSE, png), 403, "forbidden");
	}

	@Test
	void theTokenComesFromTheHeaderOrAFieldButNeverBoth() throws Exception {
		Multipart inField = new Multipart().field("access_token", MEDIA_ONLY)
			.file("file", "p.png", "image/png", TestImages.png());
		assertThat(upload(null, inField).statusCode()).isEqualTo(201);
		assertError(upload(MEDIA_ONLY, inField), 400, "invalid_request");
	}

	@Test
	void badUploadsAreRefusedInJsonAndStoreNothing() throws Exception {
		int before = storedFiles();
		assertError(upload(MEDIA_ONLY, new Multipart().field("h", "entry")), 400, "invalid_request");
		assertError(upload(MEDIA_ONLY, new Multipart().file("photo", "p.png", "image/png", TestImages.png())), 400,
				"invalid_request");
		assertError(upload(MEDIA_ONLY, new Multipart().file("file", "empty.png", "image/png", new byte[0])), 400,
				"invalid_request");
		assertError(
				upload(MEDIA_ONLY,
						new Multipart().file("file", "x.svg", "image/svg+xml",
								"<svg xmlns=\"http://www.w3.org/2000/svg\"/>".getBytes(StandardCharsets.UTF_8))),
				415, "invalid_request");
		HttpResponse<String> tooLarge = upload(MEDIA_ONLY,
				new Multipart().file("file", "big.png", "image/png", TestImages.padded(TestImages.png(), LIMIT + 1)));
		assertError(tooLarge, 413, "invalid_request");
		assertThat(json.readTree(tooLarge.body()).path("error_description").asString()).contains("4 KB");
		assertError(send(HttpRequest.newBuilder(server.uri("/micropub/media"))
			.header("Authorization", "Bearer " + MEDIA_ONLY)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("file=abc"))), 415, "invalid_request");
		assertError(send(HttpRequest.newBuilder(server.uri("/micropub/media"))
			.header("Authorization", "Bearer " + MEDIA_ONLY)
			.header("Content-Type", "image/png")
			.POST(HttpRequest.BodyPublishers.ofByteArray(TestImages.png()))), 415, "invalid_request");
		assertError(
				send(HttpRequest.newBuilder(server.uri("/micropub/media"))
					.header("Authorization", "Bearer " + MEDIA_ONLY)
					.header("Content-Type", "multipart/form-data; boundary=nothing-like-the-body")
					.POST(HttpRequest.BodyPublishers.ofString("this is not multipart at all"))),
				400, "invalid_request");
		assertThat(storedFiles()).isEqualTo(before);
	}

	@Test
	void exactlyTheLimitIsTaken() throws Exception {
		byte[] exactly = TestImages.padded(TestImages.jpeg(), LIMIT);
		HttpResponse<String> created = upload(MEDIA_ONLY,
				new Multipart().file("file", "full.jpg", "image/jpeg", exactly));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		HttpResponse<byte[]> served = bytes(
				HttpRequest.newBuilder(onServer(created.headers().firstValue("Location").orElseThrow())));
		assertSamePixelSize(served.body(), exactly);
	}

	private static void assertSamePixelSize(byte[] served, byte[] uploaded) throws Exception {
		BufferedImage expected = ImageIO.read(new java.io.ByteArrayInputStream(uploaded));
		BufferedImage actual = ImageIO.read(new java.io.ByteArrayInputStream(served));
		assertThat(actual).as("the served file is an image").isNotNull();
		assertThat(actual.getWidth()).isEqualTo(expected.getWidth());
		assertThat(actual.getHeight()).isEqualTo(expected.getHeight());
	}

	@Test
	void onlyStoredUploadsAreEverServed() throws Exception {
		String location = upload(MEDIA_ONLY, new Multipart().file("file", "p.png", "image/png", TestImages.png()))
			.headers()
			.firstValue("Location")
			.orElseThrow();
		String path = URI.create(location).getPath();
		String folder = path.substring(0, path.lastIndexOf('/'));
		Path planted = dataPath.resolve(folder.substring(1)).resolve("planted.png");
		Files.write(planted, TestImages.png());
		Files.writeString(dataPath.resolve("media").resolve("secret.txt"), "not for anyone");

		assertThat(server.get(folder + "/planted.png").statusCode()).as("a file without a row").isEqualTo(404);
		assertThat(server.get(path.replace(".png", ".gif")).statusCode()).isEqualTo(404);
		assertThat(server.get(path.replace(".png", "")).statusCode()).isEqualTo(404);
		assertThat(server.get("/media/2026/1/" + path.substring(path.lastIndexOf('/') + 1)).statusCode())
			.isEqualTo(404);
		HttpResponse<String> notFound = server.get("/media/2026/11/nothing-here.png");
		assertThat(notFound.statusCode()).isEqualTo(404);
		assertThat(notFound.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/html"));
		for (String attempt : List.of("/media/../starpunk.db", "/media/2026/11/..%2f..%2fstarpunk.db",
				"/media/2026/11/%2e%2e%2f%2e%2e%2fstarpunk.db", "/media/%2e%2e/starpunk.db", "/media/2026/11/..",
				"/media/2026/11/starpunk.db", "/media/secret.txt", "/media/2026/../../starpunk.db",
				"/media/2026/11/..%5c..%5cstarpunk.db", "/starpunk.db")) {
			HttpResponse<byte[]> answer = bytes(
					HttpRequest.newBuilder(URI.create(server.uri("/") + attempt.substring(1))));
			assertThat(answer.statusCode()).as(attempt).isIn(400, 404);
			String body = new String(answer.body(), StandardCharsets.ISO_8859_1);
			assertThat(body).as(attempt).doesNotContain("SQLite format 3").doesNotContain("not for anyone");
		}
	}

	private static URI onServer(String location) {
		assertThat(location).startsWith(SITE);
		return server.uri(location.substring(SITE.length()));
	}

	private static int storedFiles() throws Exception {
		if (!Files.exists(dataPath.resolve("media"))) {
			return 0;
		}
		try (var files = Files.walk(dataPath.resolve("media"))) {
			return (int) files.filter(Files::isRegularFile).count();
		}
	}

	private static HttpResponse<String> upload(String token, Multipart body) {
		return new MicropubClient(server).multipart("/micropub/media", token, body);
	}

	private static HttpResponse<String> get(String path, String token, Map<String, String> headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path)).GET();
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		headers.forEach(request::header);
		return send(request);
	}

	private static HttpResponse<String> send(HttpRequest.Builder request) {
		return new MicropubClient(server).send(request);
	}

	private static HttpResponse<byte[]> bytes(HttpRequest.Builder request) {
		try {
			return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
