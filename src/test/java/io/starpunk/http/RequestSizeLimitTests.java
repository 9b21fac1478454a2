package io.starpunk.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.starpunk.support.RawResponse;
import io.starpunk.support.RunningServer;
import io.starpunk.support.Sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import io.starpunk.config.Sha256;
import io.starpunk.config.SqlTime;

/**
 * Request bodies over the limit are refused with 413 before anything reads them, over
 * real HTTP: with an honest, a lying or no {@code Content-Length} (chunked, sent over a
 * raw socket), as JSON, forms and multipart.
 */
class RequestSizeLimitTests {

	private static final int LIMIT = 1024 * 1024;

	private static final int MEDIA_MAX = 400 * 1024;

	/** 4 × MEDIA_MAX_BYTES + 1 MB. */
	private static final int UPLOAD_LIMIT = 4 * MEDIA_MAX + LIMIT;

	private static final String TOKEN = "size-token-0123456789abcdef0123456789abcdef";

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@TempDir
	static Path dataPath;

	static RunningServer server;

	@BeforeAll
	static void start() throws Exception {
		server = RunningServer.start(dataPath, List.of(), "SITE_URL=http://blog.test/",
				"ADMIN_ME=https://owner.example/", "MEDIA_MAX_BYTES=" + MEDIA_MAX);
		Instant now = Instant.now();
		try (Connection connection = Sqlite.open(dataPath.resolve("starpunk.db"));
				PreparedStatement insert = connection.prepareStatement("""
						INSERT INTO tokens (token_hash, me, client_id, scope, created_at, expires_at)
						VALUES (?, 'https://owner.example/', 'https://app.example/', 'create', ?, ?)""")) {
			insert.setString(1, Sha256.hex(TOKEN));
			insert.setString(2, SqlTime.text(now));
			insert.setString(3, SqlTime.text(now.plus(Duration.ofDays(1))));
			insert.executeUpdate();
		}
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@Test
	void aJsonBodyOneByteOverTheLimitIsRefusedAndCreatesNothing() throws Exception {
		Written before = written();
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(server.uri("/micropub"))
			.header("Authorization", "Bearer " + TOKEN)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofByteArray(entry(LIMIT + 1)))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertTooLarge(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body(),
				LIMIT);
		assertThat(written()).isEqualTo(before);
	}

	@Test
	void aChunkedJsonBodyOverTheLimitIsRefusedAndCreatesNothing() throws Exception {
		Written before = written();
		RawResponse response = raw("POST /micropub",
				Map.of("Authorization", "Bearer " + TOKEN, "Content-Type", "application/json"), entry(LIMIT + 1), true);
		assertTooLarge(response.status(), response.header("Content-Type"), response.body(), LIMIT);
		assertThat(response.header("Connection")).isEqualToIgnoringCase("close");
		assertThat(written()).isEqualTo(before);
	}

	@Test
	void aContentLengthOverTheLimitIsRefusedWithoutReadingTheBody() throws Exception {
		RawResponse response = rawHeadOnly("POST /micropub", Map.of("Authorization", "Bearer " + TOKEN, "Content-Type",
				"application/json", "Content-Length", String.valueOf(50L * 1024 * 1024)));
		assertTooLarge(response.status(), response.header("Content-Type"), response.body(), LIMIT);
		assertThat(response.header("Connection")).isEqualToIgnoringCase("close");
	}

	@Test
	void aLargeOwnerFormIsRefusedWithPlainText() throws Exception {
		byte[] form = ("username=owner&password=" + "a".repeat(2 * LIMIT)).getBytes(StandardCharsets.US_ASCII);
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(server.uri("/auth/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofByteArray(form))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
		assertThat(response.body()).contains("larger than " + LIMIT + " bytes");
		RawResponse chunked = raw("POST /auth/login", Map.of("Content-Type", "application/x-www-form-urlencoded"),
				Arrays.copyOf(form, LIMIT + 1), true);
		assertThat(chunked.status()).isEqualTo(413);
		assertThat(chunked.header("Content-Type")).startsWith("text/plain");
	}

	@Test
	void aBodyExactlyAtTheLimitIsAnsweredAsUsual() throws Exception {
		byte[] body = entry(LIMIT);
		assertThat(body).hasSize(LIMIT);
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(server.uri("/micropub"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as("no token").isEqualTo(401);
		RawResponse chunked = raw("POST /micropub", Map.of("Content-Type", "application/json"), body, true);
		assertThat(chunked.status()).as("no token").isEqualTo(401);
		RawResponse badJson = raw("POST /micropub",
				Map.of("Authorization", "Bearer " + TOKEN, "Content-Type", "application/json"),
				Arrays.copyOf(body, LIMIT - 1), true);
		assertThat(badJson.status()).as("cut-off JSON").isEqualTo(400);
		assertThat(json.readTree(badJson.body()).path("error").asString()).isEqualTo("invalid_request");
	}

	@Test
	void aChunkedFormWithinTheLimitStillCreatesANote() throws Exception {
		Written before = written();
		RawResponse response = raw("POST /micropub?h=entry",
				Map.of("Authorization", "Bearer " + TOKEN, "Content-Type",
						"application/x-www-form-urlencoded; charset=UTF-8"),
				"content=Sent+in+chunks%2C+gr%C3%BC%C3%9Fe&mp-slug=chunked".getBytes(StandardCharsets.UTF_8), true);
		assertThat(response.status()).as(response.body()).isEqualTo(201);
		assertThat(response.header("Location")).isEqualTo("http://blog.test/notes/chunked");
		assertThat(server.get("/notes/chunked").body()).contains("Sent in chunks, grüße");
		assertThat(written().notes()).isEqualTo(before.notes() + 1);
	}

	@Test
	void multipartUploadsToMicropubMayBeLargerButNotBeyondTheirLimit() throws Exception {
		Written before = written();
		byte[] within = multipart(3, MEDIA_MAX);
		assertThat(within.length).isBetween(LIMIT + 1, UPLOAD_LIMIT);
		HttpResponse<String> allowed = multipartPost("/micropub", within);
		assertThat(allowed.statusCode()).as(allowed.body()).isNotEqualTo(413);
		HttpResponse<String> elsewhere = multipartPost("/auth/login", within);
		assertThat(elsewhere.statusCode()).isEqualTo(413);
		assertThat(elsewhere.body()).contains("larger than " + LIMIT + " bytes");
		byte[] over = multipart(7, MEDIA_MAX);
		assertThat(over.length).isGreaterThan(UPLOAD_LIMIT);
		for (String path : List.of("/micropub", "/micropub/media")) {
			RawResponse refused = rawHeadOnly("POST " + path, Map.of("Authorization", "Bearer " + TOKEN, "Content-Type",
					"multipart/form-data; boundary=" + BOUNDARY, "Content-Length", String.valueOf(over.length)));
			assertTooLarge(refused.status(), refused.header("Content-Type"), refused.body(), UPLOAD_LIMIT);
		}
		assertThat(written()).isEqualTo(before);
	}

	/**
	 * A chunked upload from an admitted client is held to the upload limit by the
	 * container as it reads the parts, and refused by Micropub in its JSON; a chunked
	 * multipart body anywhere else is refused unread, since nothing could hold it to the
	 * small limit but reading it.
	 */
	@Test
	void chunkedMultipartIsMeasuredToo() throws Exception {
		Written before = written();
		RawResponse over = raw("POST /micropub",
				Map.of("Authorization", "Bearer " + TOKEN, "Content-Type", "multipart/form-data; boundary=" + BOUNDARY),
				multipart(7, MEDIA_MAX), true);
		assertThat(over.status()).as(over.body()).isEqualTo(413);
		assertThat(over.header("Content-Type")).startsWith("application/json");
		assertThat(json.readTree(over.body()).path("error").asString()).isEqualTo("invalid_request");
		RawResponse elsewhere = raw("POST /auth/login",
				Map.of("Content-Type", "multipart/form-data; boundary=" + BOUNDARY), multipart(3, MEDIA_MAX), true);
		assertThat(elsewhere.status()).isEqualTo(411);
		assertThat(elsewhere.body()).contains("needs a Content-Length");
		RawResponse within = raw("POST /micropub",
				Map.of("Authorization", "Bearer " + TOKEN, "Content-Type", "multipart/form-data; boundary=" + BOUNDARY),
				multipart(3, MEDIA_MAX), true);
		assertThat(within.status()).as(within.body()).isNotEqualTo(413);
		assertThat(written()).isEqualTo(before);
	}

	private static void assertTooLarge(int status, String type, String body, int limit) throws Exception {
		assertThat(status).as(body).isEqualTo(413);
		assertThat(type).startsWith("application/json");
		JsonNode error = json.readTree(body);
		assertThat(error.path("error").asString()).isEqualTo("invalid_request");
		assertThat(error.path("error_description").asString())
			.isEqualTo("The request body is larger than " + limit + " bytes");
	}

	/** A Micropub JSON entry padded to exactly {@code size} bytes. */
	private static byte[] entry(int size) {
		String start = "{\"type\":[\"h-entry\"],\"properties\":{\"content\":[\"";
		String end = "\"]}}";
		return (start + "x".repeat(size - start.length() - end.length()) + end).getBytes(StandardCharsets.US_ASCII);
	}

	private static final String BOUNDARY = "size-limit-boundary";

	private static byte[] multipart(int parts, int partSize) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (int i = 0; i < parts; i++) {
			out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"p" + i
					+ ".jpg\"\r\nContent-Type: image/jpeg\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.writeBytes(new byte[partSize]);
			out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
		}
		out.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
		return out.toByteArray();
	}

	private static HttpResponse<String> multipartPost(String path, byte[] body) throws Exception {
		return http.send(HttpRequest.newBuilder(server.uri(path))
			.header("Authorization", "Bearer " + TOKEN)
			.header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** Notes in the table and files in the notes directory. */
	private record Written(int notes, long files) {
	}

	private static Written written() throws Exception {
		int notes = Integer
			.parseInt(Sqlite.rows(dataPath.resolve("starpunk.db"), "SELECT count(*) AS n FROM notes").get(0).get("n"));
		Path directory = dataPath.resolve("notes");
		long files = 0;
		if (Files.isDirectory(directory)) {
			try (Stream<Path> all = Files.walk(directory)) {
				files = all.filter(Files::isRegularFile).count();
			}
		}
		return new Written(notes, files);
	}

	/**
	 * Sends the head, and the body (chunked or not) from another thread, over a socket.
	 */
	private static RawResponse raw(String requestLine, Map<String, String> headers, byte[] body, boolean chunked)
			throws Exception {
		try (Socket socket = new Socket(server.uri("/").getHost(), server.uri("/").getPort())) {
			socket.setSoTimeout(30_000);
			OutputStream out = socket.getOutputStream();
			StringBuilder head = new StringBuilder(requestLine + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
			headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
			head.append(chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + body.length + "\r\n");
			head.append("Connection: close\r\n\r\n");
			out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
			out.flush();
			Thread writer = new Thread(() -> {
				try {
					if (!chunked) {
						out.write(body);
					}
					else {
						for (int offset = 0; offset < body.length; offset += 64 * 1024) {
							int length = Math.min(64 * 1024, body.length - offset);
							out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
							out.write(body, offset, length);
							out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
						}
						out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
					}
					out.flush();
				}
				catch (IOException ex) {
					// the server may stop listening once it has answered
				}
			});
			writer.start();
			RawResponse response = RawResponse.read(socket.getInputStream());
			writer.join(30_000);
			return response;
		}
	}

	/** Sends only the head, and reads the answer without ever sending a body. */
	private static RawResponse rawHeadOnly(String requestLine, Map<String, String> headers) throws Exception {
		try (Socket socket = new Socket(server.uri("/").getHost(), server.uri("/").getPort())) {
			socket.setSoTimeout(30_000);
			StringBuilder head = new StringBuilder(requestLine + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
			headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
			head.append("\r\n");
			socket.getOutputStream().write(head.toString().getBytes(StandardCharsets.US_ASCII));
			socket.getOutputStream().flush();
			return RawResponse.read(socket.getInputStream());
		}
	}

}
