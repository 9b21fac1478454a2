package io.starpunk.export;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.starpunk.support.MicropubClient;
import io.starpunk.support.Multipart;
import io.starpunk.support.OwnerClient;
import io.starpunk.support.RunningServer;
import io.starpunk.support.Sqlite;
import io.starpunk.support.TestImages;
import io.starpunk.support.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The owner's export over real HTTP: notes with tags and a photo made through Micropub,
 * downloaded as the owner, opened and read back; refused to anyone else.
 */
class ExportTests {

	private static final String TOKEN = "export-token-0123456789abcdef0123456789abcdef";

	private static final String SITE = "http://blog.test/";

	private static final JsonMapper json = JsonMapper.builder().build();

	@TempDir
	static Path dataPath;

	static RunningServer server;

	@BeforeAll
	static void start() throws Exception {
		server = RunningServer.start(dataPath, List.of(), "SITE_URL=" + SITE, "ADMIN_ME=https://owner.example/",
				"ADMIN_PASSWORD=" + OwnerClient.PASSWORD);
		TestTokens.insert(dataPath, TOKEN, "https://owner.example/", "create update delete media");
		MicropubClient client = new MicropubClient(server);
		assertThat(client
			.multipart("/micropub", TOKEN,
					new Multipart().field("h", "entry")
						.field("content", "A *walk* by the river")
						.field("category[]", "walks")
						.field("category[]", "river")
						.field("mp-slug", "river-walk")
						.field("syndication", "https://elsewhere.example/river")
						.file("photo", "river.png", "image/png", TestImages.png()))
			.statusCode()).isEqualTo(201);
		assertThat(client
			.form(TOKEN, "h", "entry", "name", "A draft", "content", "Not yet \"quoted\"", "mp-slug", "not-yet",
					"post-status", "draft")
			.statusCode()).isEqualTo(201);
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@Test
	void theOwnerDownloadsEveryNoteAsMarkdownAnHFeedAndThePhotos() throws Exception {
		OwnerClient owner = OwnerClient.signIn(server, OwnerClient.PASSWORD);
		assertThat(owner.get("/admin").body()).contains("href=\"/admin/export\"");
		HttpResponse<byte[]> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(server.uri("/admin/export"))
				.header("Cookie", "starpunk_session=" + owner.sessionCookie().orElseThrow())
				.timeout(Duration.ofSeconds(30))
				.build(), HttpResponse.BodyHandlers.ofByteArray());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/zip");
		assertThat(response.headers().firstValue("Content-Disposition").orElseThrow())
			.matches("attachment; filename=\"starpunk-export-\\d{8}\\.zip\"");
		Map<String, byte[]> files = unzip(response.body());

		String river = new String(files.get(filePath("river-walk")), StandardCharsets.UTF_8);
		Map<String, Object> front = frontMatter(river);
		assertThat(river).endsWith("---\nA *walk* by the river");
		assertThat(front).containsEntry("slug", "river-walk")
			.containsEntry("url", SITE + "notes/river-walk")
			.containsEntry("status", "published")
			.containsEntry("draft", false)
			.containsEntry("tags", List.of("walks", "river"))
			.containsEntry("syndication", List.of("https://elsewhere.example/river"));
		assertThat(front.get("published").toString()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> photos = (List<Map<String, Object>>) front.get("photos");
		assertThat(photos).hasSize(1);
		String photoPath = photos.get(0).get("path").toString();
		assertThat(photos.get(0).get("value")).isEqualTo(SITE + photoPath);
		assertThat(files.get(photoPath)).isEqualTo(Files.readAllBytes(dataPath.resolve(photoPath)));

		Map<String, Object> draft = frontMatter(new String(files.get(filePath("not-yet")), StandardCharsets.UTF_8));
		assertThat(draft).containsEntry("status", "draft")
			.containsEntry("draft", true)
			.containsEntry("name", "A draft");

		JsonNode feed = json.readTree(files.get("h-feed.json"));
		assertThat(feed.path("type").get(0).asString()).isEqualTo("h-feed");
		assertThat(feed.path("children")).hasSize(2);
		JsonNode entry = null;
		for (JsonNode child : feed.path("children")) {
			if (child.path("properties").path("url").get(0).asString().equals(SITE + "notes/river-walk")) {
				entry = child;
			}
		}
		assertThat(entry).isNotNull();
		JsonNode properties = entry.path("properties");
		assertThat(entry.path("type").get(0).asString()).isEqualTo("h-entry");
		assertThat(properties.path("content").get(0).path("html").asString()).contains("<em>walk</em>");
		assertThat(properties.path("category").valueStream().map(JsonNode::asString)).containsExactly("walks", "river");
		assertThat(properties.path("photo").get(0).path("value").asString()).isEqualTo(SITE + photoPath);
		assertThat(properties.path("photo").get(0).path("path").asString()).isEqualTo(photoPath);
		assertThat(properties.path("published").get(0).asString()).isEqualTo(front.get("published"));
		assertThat(properties.path("post-status").get(0).asString()).isEqualTo("published");
	}

	@Test
	void anyoneElseIsSentToSignIn() {
		HttpResponse<String> response = OwnerClient.anonymous(server).get("/admin/export");
		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(URI.create(response.headers().firstValue("Location").orElseThrow()).getPath())
			.isEqualTo("/auth/login");
	}

	private static String filePath(String slug) throws Exception {
		return Sqlite.rows(dataPath.resolve("starpunk.db"), "SELECT file_path FROM notes WHERE slug = '" + slug + "'")
			.get(0)
			.get("file_path");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> frontMatter(String file) {
		assertThat(file).startsWith("---\n");
		String yaml = file.substring(4, file.indexOf("\n---\n", 4));
		return (Map<String, Object>) new Yaml().load(yaml);
	}

	private static Map<String, byte[]> unzip(byte[] zip) throws Exception {
		Map<String, byte[]> files = new HashMap<>();
		try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
			for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
				files.put(entry.getName(), in.readAllBytes());
			}
		}
		return files;
	}

}
