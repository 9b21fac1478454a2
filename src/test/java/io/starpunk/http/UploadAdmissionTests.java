package io.starpunk.http;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.starpunk.support.JsonErrors;
import io.starpunk.support.MicropubClient;
import io.starpunk.support.Multipart;
import io.starpunk.support.OwnerClient;
import io.starpunk.support.RawResponse;
import io.starpunk.support.RunningServer;
import io.starpunk.support.Sqlite;
import io.starpunk.support.TestImages;
import io.starpunk.support.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Uploads are authenticated before a byte of them is read: over real HTTP, with
 * {@code MEDIA_MAX_BYTES} at its default (10 MB, so an upload may have 41 MB), a
 * multipart body over 1 MB, or of unknown length, is taken only from a client whose
 * bearer token in the header verifies with a scope that can upload, or from the signed-in
 * owner's editor. Anyone else is answered from the request's head alone: the tests send
 * only the head (or the head and one chunk of a body that never ends), so an answer at
 * all proves that the server did not wait for the body.
 */
class UploadAdmissionTests {

	private static final String ME = "https://owner.example/";

	private static final String MEDIA = "upload-media-0123456789abcdef0123456789abcdef";

	private static final String CREATE = "upload-create-0123456789abcdef0123456789abcde";

	private static final String UPDATE_ONLY = "upload-update-0123456789abcdef0123456789abcde";

	private static final String SOMEONE_ELSE = "upload-other-0123456789abcdef0123456789abcdef";

	/** What a client may declare it sends: the whole upload limit, 4 × 10 MB + 1 MB. */
	private static final long DECLARED = 41L * 1024 * 1024;

	/** A photo three times the small limit. */
	private static final int THREE_MB = 3 * 1024 * 1024;

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final List<String> PATHS = List.of("/micropub", "/micropub/media", "/admin/new");

	@TempDir
	static Path dataPath;

	static RunningServer server;

	@BeforeAll
	static void start() throws Exception {
		server = RunningServer.start(dataPath, List.of(), "SITE_URL=http://blog.test/", "ADMIN_ME=" + ME,
				"ADMIN_PASSWORD=" + OwnerClient.PASSWORD);
		TestTokens.insert(dataPath, MEDIA, ME, "media");
		TestTokens.insert(dataPath, CREATE, ME, "create");
		TestTokens.insert(dataPath, UPDATE_ONLY, ME, "update");
		TestTokens.insert(dataPath, SOMEONE_ELSE, "https://someone.example/", "create media");
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@Test
	void anUnprovenUploadIsAnsweredFromItsHeadAlone() throws Exception {
		for (String path : PATHS) {
			RawResponse anonymous = headOnly(path, Map.of("Content-Length", String.valueOf(DECLARED)));
			assertRefused(path, anonymous);
			RawResponse badToken = headOnly(path,
					Map.of("Content-Length", String.valueOf(DECLARED), "Authorization", "Bearer not-a-token"));
			assertRefused(path, badToken);
		}
		RawResponse owner = headOnly("/micropub",
				Map.of("Content-Length", String.valueOf(DECLARED), "Authorization", "Bearer " + SOMEONE_ELSE));
		assertThat(owner.status()).isEqualTo(403);
		assertThat(json.readTree(owner.body()).path("error").asString()).isEqualTo("forbidden");
	}

	@Test
	void anUnprovenChunkedUploadIsAnsweredWithoutWaitingForItsBody() throws Exception {
		for (String path : PATHS) {
			RawResponse anonymous = chunkedNeverEnding(path, Map.of());
			assertRefused(path, anonymous);
		}
	}

	@Test
	void aTokenWhoseScopesCannotUploadGetsTheSmallLimit() throws Exception {
		RawResponse media = headOnly("/micropub/media",
				Map.of("Content-Length", String.valueOf(DECLARED), "Authorization", "Bearer " + UPDATE_ONLY));
		assertThat(media.status()).isEqualTo(403);
		JsonNode error = json.readTree(media.body());
		assertThat(error.path("error").asString()).isEqualTo("insufficient_scope");
		assertThat(error.path("scope").asString()).isEqualTo("media");
		RawResponse post = headOnly("/micropub",
				Map.of("Content-Length", String.valueOf(DECLARED), "Authorization", "Bearer " + MEDIA));
		assertThat(post.status()).isEqualTo(403);
		assertThat(json.readTree(post.body()).path("scope").asString()).isEqualTo("create");
	}

	/**
	 * A raw client sends a whole 41 MB anonymous upload while the server answers: the
	 * server refuses it from the head and then drops at most {@code max-swallow-size} (2
	 * MB) of the rest before it closes the connection, so the client gets only a small
	 * part of the body through (what the sockets' buffers hold and the swallowed part).
	 */
	@Test
	void theServerTakesOnlyASmallPartOfALargeAnonymousUpload() throws Exception {
		AtomicLong written = new AtomicLong();
		RawResponse response;
		try (Socket socket = open()) {
			OutputStream out = socket.getOutputStream();
			out.write(head("/micropub/media", Map.of("Content-Length", String.valueOf(DECLARED))));
			out.flush();
			Thread writer = new Thread(() -> {
				byte[] block = new byte[64 * 1024];
				try {
					while (written.get() < DECLARED) {
						int length = (int) Math.min(block.length, DECLARED - written.get());
						out.write(block, 0, length);
						written.addAndGet(length);
					}
				}
				catch (IOException ex) {
					// the server closed the connection
				}
			});
			writer.start();
			response = RawResponse.read(socket.getInputStream());
			// the server closes the connection once it has dropped what it drops
			assertThat(socket.getInputStream().read()).isEqualTo(-1);
			writer.join(30_000);
		}
		assertRefused("/micropub/media", response);
		System.out.println(
				"Bytes of a " + DECLARED + "-byte anonymous upload written before the server closed: " + written.get());
		assertThat(written.get()).as("bytes of the body that got through").isLessThan(DECLARED / 4);
	}

	@Test
	void aBearerTokenInTheHeaderUnlocksALargeUpload() throws Exception {
		long before = storedFiles();
		byte[] photo = TestImages.padded(TestImages.jpeg(), THREE_MB);
		HttpResponse<String> media = new MicropubClient(server).multipart("/micropub/media", MEDIA,
				new Multipart().file("file", "large.jpg", "image/jpeg", photo));
		assertThat(media.statusCode()).as(media.body()).isEqualTo(201);
		String location = media.headers().firstValue("Location").orElseThrow();
		assertThat(server.get(location.replace("http://blog.test/", "/")).statusCode()).isEqualTo(200);
		long afterMedia = storedFiles();
		assertThat(afterMedia).isGreaterThan(before);
		HttpResponse<String> post = new MicropubClient(server).multipart("/micropub", CREATE,
				new Multipart().field("h", "entry")
					.field("content", "A large photo")
					.field("mp-slug", "large-photo")
					.file("photo", "large.jpg", "image/jpeg", photo));
		assertThat(post.statusCode()).as(post.body()).isEqualTo(201);
		assertThat(server.get("/notes/large-photo").statusCode()).isEqualTo(200);
		assertThat(storedFiles()).isGreaterThan(afterMedia);
	}

	@Test
	void theSameTokenInTheBodyGetsOnlyTheSmallLimit() throws Exception {
		long before = storedFiles();
		byte[] large = TestImages.padded(TestImages.jpeg(), THREE_MB);
		HttpResponse<String> refused = new MicropubClient(server).multipart("/micropub/media", null,
				new Multipart().field("access_token", MEDIA).file("file", "large.jpg", "image/jpeg", large));
		JsonNode error = JsonErrors.assertError(refused, 401, "unauthorized");
		assertThat(error.path("error_description").asString()).contains("Authorization header");
		assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
		assertThat(storedFiles()).isEqualTo(before);
		HttpResponse<String> small = new MicropubClient(server).multipart("/micropub/media", null,
				new Multipart().field("access_token", MEDIA)
					.file("file", "small.jpg", "image/jpeg", TestImages.padded(TestImages.jpeg(), 512 * 1024)));
		assertThat(small.statusCode()).as("within the small limit, a token in the body does").isEqualTo(201);
		assertThat(storedFiles()).isGreaterThan(before);
	}

	@Test
	void theSignedInOwnerUploadsALargePhotoThroughTheEditor() throws Exception {
		long before = storedFiles();
		OwnerClient owner = OwnerClient.signIn(server, OwnerClient.PASSWORD);
		HttpResponse<String> saved = owner.postMultipart("/admin/new",
				new Multipart().field("_csrf", owner.csrfToken())
					.field("photo-form", "1")
					.field("content", "From the editor")
					.field("slug", "from-the-editor")
					.field("published", "true")
					.field("action", "save")
					.file("photo", "large.jpg", "image/jpeg", TestImages.padded(TestImages.jpeg(), THREE_MB)));
		assertThat(saved.statusCode()).as(saved.body()).isEqualTo(303);
		assertThat(saved.headers().firstValue("Location").orElseThrow()).endsWith("/admin?done=created");
		assertThat(server.get("/notes/from-the-editor").body()).contains("u-photo");
		long kept = storedFiles();
		assertThat(kept).isGreaterThan(before);
		OwnerClient stranger = OwnerClient.anonymous(server);
		HttpResponse<String> refused = stranger.postMultipart("/admin/new", new Multipart().field("content", "Forged")
			.file("photo", "large.jpg", "image/jpeg", TestImages.padded(TestImages.jpeg(), THREE_MB)));
		assertThat(refused.statusCode()).isEqualTo(303);
		assertThat(refused.headers().firstValue("Location").orElseThrow()).endsWith("/admin/new?too-large");
		assertThat(storedFiles()).isEqualTo(kept);
	}

	private static void assertRefused(String path, RawResponse response) throws Exception {
		assertThat(response.header("Connection")).as(path).isEqualToIgnoringCase("close");
		if (path.startsWith("/admin/")) {
			assertThat(response.status()).as(path).isEqualTo(303);
			assertThat(response.header("Location")).as(path).isEqualTo(path + "?too-large");
			return;
		}
		assertThat(response.status()).as(path + ": " + response.body()).isEqualTo(401);
		assertThat(response.header("Content-Type")).as(path).startsWith("application/json");
		assertThat(response.header("WWW-Authenticate")).as(path).isEqualTo("Bearer");
		JsonNode error = json.readTree(response.body());
		assertThat(error.path("error").asString()).isEqualTo("unauthorized");
		assertThat(error.path("error_description").asString()).contains("Authorization header");
	}

	/** The rows of the media store's table (a stored image may have several). */
	private static long storedFiles() throws Exception {
		return Long
			.parseLong(Sqlite.rows(dataPath.resolve("starpunk.db"), "SELECT count(*) AS n FROM media").get(0).get("n"));
	}

	private static Socket open() throws IOException {
		Socket socket = new Socket(server.uri("/").getHost(), server.uri("/").getPort());
		socket.setSoTimeout(30_000);
		return socket;
	}

	private static byte[] head(String path, Map<String, String> headers) {
		StringBuilder head = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
		head.append("Content-Type: multipart/form-data; boundary=upload-admission-boundary\r\n");
		headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
		return head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
	}

	/**
	 * Sends the head and never a byte of the body: the read times out (a failure) if the
	 * server waits for the body before it answers.
	 */
	private static RawResponse headOnly(String path, Map<String, String> headers) throws Exception {
		try (Socket socket = open()) {
			socket.getOutputStream().write(head(path, headers));
			socket.getOutputStream().flush();
			return RawResponse.read(socket.getInputStream());
		}
	}

	/** Sends the head and one 64 KB chunk of a body that never ends. */
	private static RawResponse chunkedNeverEnding(String path, Map<String, String> headers) throws Exception {
		Map<String, String> all = new LinkedHashMap<>(headers);
		all.put("Transfer-Encoding", "chunked");
		try (Socket socket = open()) {
			OutputStream out = socket.getOutputStream();
			out.write(head(path, all));
			byte[] chunk = ("--upload-admission-boundary\r\nContent-Disposition: form-data; name=\"file\"; "
					+ "filename=\"a.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n" + "x".repeat(64 * 1024))
				.getBytes(StandardCharsets.US_ASCII);
			out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
			out.write(chunk);
			out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			return RawResponse.read(socket.getInputStream());
		}
	}

}
