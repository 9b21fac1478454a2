package io.starpunk.media;

import java.io.StringReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import io.starpunk.support.MicropubClient;
import io.starpunk.support.Multipart;
import io.starpunk.support.OwnerClient;
import io.starpunk.support.RunningServer;
import io.starpunk.support.Sqlite;
import io.starpunk.support.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stored photos as readers meet them and as they go: pages offer every width in
 * {@code srcset} with {@code sizes}, {@code width} and {@code height}; feeds carry the
 * {@code large} variant with its size; taking a photo out of a note, or purging the note,
 * deletes the file and its variants unless another note shows it.
 */
class PhotoPagesAndLifecycleTests {

	private static final String TOKEN = "photos-token-0123456789abcdef0123456789abcdef";

	private static final String SITE = "http://blog.test/";

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final HttpClient http = HttpClient.newHttpClient();

	@TempDir
	static Path dataPath;

	static RunningServer server;

	@BeforeAll
	static void start() throws Exception {
		server = RunningServer.start(dataPath, List.of(), "SITE_URL=" + SITE, "ADMIN_ME=https://owner.example/",
				"ADMIN_PASSWORD=" + OwnerClient.PASSWORD, "MEDIA_MAX_BYTES=20MB");
		TestTokens.insert(dataPath, TOKEN, "https://owner.example/", "create update delete media");
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@Test
	void aPageOffersEveryWidthAndAFeedCarriesTheLargeVariantWithItsSize() throws Exception {
		String wide = upload(TestImages.plainJpeg(3000, 2000));
		String small = upload(TestImages.plainPng(300, 200));
		String note = create("Two photos, one wide", wide, "A wide view", small, "A small one");

		Document page = Jsoup.parse(server.get(path(note)).body(), note);
		Elements photos = page.select(".h-entry img.u-photo");
		assertThat(photos).hasSize(2);
		Element first = photos.get(0);
		assertThat(first.attr("src")).isEqualTo(wide);
		assertThat(first.attr("alt")).isEqualTo("A wide view");
		assertThat(first.attr("width")).isEqualTo("2048");
		assertThat(first.attr("height")).isEqualTo("1365");
		assertThat(first.attr("sizes")).isNotBlank();
		String stem = wide.substring(0, wide.lastIndexOf('.'));
		assertThat(first.attr("srcset")).isEqualTo(stem + "_small.jpg 320w, " + stem + "_medium.jpg 640w, " + stem
				+ "_large.jpg 1280w, " + wide + " 2048w");
		for (String candidate : first.attr("srcset").split(", ")) {
			String url = candidate.substring(0, candidate.indexOf(' '));
			assertThat(fetch(url).statusCode()).as(url).isEqualTo(200);
		}
		// 300 wide: only a thumb, which is a crop, so nothing to choose from
		Element second = photos.get(1);
		assertThat(second.attr("src")).isEqualTo(small);
		assertThat(second.hasAttr("srcset")).isFalse();
		assertThat(second.attr("width")).isEqualTo("300");

		SyndFeed feed = new SyndFeedInput().build(new StringReader(server.get("/feed.xml").body()));
		SyndEntry entry = feed.getEntries()
			.stream()
			.filter((candidate) -> candidate.getLink().equals(note))
			.findFirst()
			.orElseThrow();
		Elements images = Jsoup.parse(entry.getDescription().getValue()).select("img");
		assertThat(images).hasSize(2);
		assertThat(images.get(0).attr("src")).isEqualTo(stem + "_large.jpg");
		assertThat(images.get(0).attr("width")).isEqualTo("1280");
		assertThat(images.get(0).attr("height")).isEqualTo("853");
		assertThat(images.get(0).attr("alt")).isEqualTo("A wide view");
		assertThat(images.get(1).attr("src")).isEqualTo(small);
		assertThat(images.get(1).attr("width")).isEqualTo("300");
	}

	@Test
	void feedsCarryEachStoredPhotoAsAFileWithItsTypeAndLength() throws Exception {
		String wide = upload(TestImages.plainJpeg(3000, 2000));
		String small = upload(TestImages.plainPng(300, 200));
		String note = create("Photos as files in the feeds", wide, "Wide", small, "Small");
		String large = wide.substring(0, wide.lastIndexOf('.')) + "_large.jpg";
		long largeLength = fetchBytes(large).length;
		long smallLength = fetchBytes(small).length;

		SyndEntry rss = entry(new SyndFeedInput().build(new StringReader(server.get("/feed.xml").body())), note);
		assertThat(rss.getEnclosures()).as("RSS: one enclosure an item").hasSize(1);
		assertThat(rss.getEnclosures().get(0).getUrl()).isEqualTo(large);
		assertThat(rss.getEnclosures().get(0).getType()).isEqualTo("image/jpeg");
		assertThat(rss.getEnclosures().get(0).getLength()).isEqualTo(largeLength);

		SyndEntry atom = entry(new SyndFeedInput().build(new StringReader(server.get("/feed.atom").body())), note);
		assertThat(atom.getEnclosures())
			.extracting((enclosure) -> enclosure.getUrl(), (enclosure) -> enclosure.getType(),
					(enclosure) -> enclosure.getLength())
			.containsExactly(org.assertj.core.groups.Tuple.tuple(large, "image/jpeg", largeLength),
					org.assertj.core.groups.Tuple.tuple(small, "image/png", smallLength));

		var item = java.util.stream.StreamSupport
			.stream(json.readTree(server.get("/feed.json").body()).path("items").spliterator(), false)
			.filter((candidate) -> candidate.path("url").asString().equals(note))
			.findFirst()
			.orElseThrow();
		assertThat(item.path("image").asString()).isEqualTo(large);
		assertThat(item.path("attachments")).hasSize(2);
		assertThat(item.path("attachments").get(0).path("url").asString()).isEqualTo(large);
		assertThat(item.path("attachments").get(0).path("mime_type").asString()).isEqualTo("image/jpeg");
		assertThat(item.path("attachments").get(0).path("size_in_bytes").asLong()).isEqualTo(largeLength);
		assertThat(item.path("attachments").get(1).path("mime_type").asString()).isEqualTo("image/png");
		assertThat(item.path("attachments").get(1).path("size_in_bytes").asLong()).isEqualTo(smallLength);
	}

	private static SyndEntry entry(SyndFeed feed, String permalink) {
		return feed.getEntries()
			.stream()
			.filter((candidate) -> permalink.equals(candidate.getLink()))
			.findFirst()
			.orElseThrow();
	}

	private static byte[] fetchBytes(String url) throws Exception {
		HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(server.uri(path(url))).build(),
				HttpResponse.BodyHandlers.ofByteArray());
		assertThat(response.statusCode()).as(url).isEqualTo(200);
		return response.body();
	}

	@Test
	void aVariantWhoseFileIsMissingIsLeftOutNeverOfferedBroken() throws Exception {
		String photo = upload(TestImages.plainJpeg(1500, 1000));
		String stem = path(photo).substring(0, path(photo).lastIndexOf('.'));
		Files.delete(dataPath.resolve(stem + "_medium.jpg"));
		String note = create("One size is gone", photo, "Still shown");
		Element image = Jsoup.parse(server.get(path(note)).body(), note).selectFirst(".h-entry img.u-photo");
		assertThat(image.attr("srcset"))
			.isEqualTo(SITE + stem + "_small.jpg 320w, " + SITE + stem + "_large.jpg 1280w, " + photo + " 1500w");
	}

	@Test
	void takingAPhotoOutOfANoteDeletesItsFileAndVariantsButNotAPhotoAnotherNoteShows() throws Exception {
		String kept = upload(TestImages.plainJpeg(800, 600));
		String dropped = upload(TestImages.plainJpeg(800, 600));
		String note = create("Photos to sort", kept, "Kept", dropped, "Dropped");
		String other = create("Showing the kept one too", kept, "Kept elsewhere");
		List<Path> droppedFiles = files(dropped);
		assertThat(droppedFiles).hasSize(4).allSatisfy((file) -> assertThat(file).isRegularFile());

		HttpResponse<String> updated = new MicropubClient(server).json(TOKEN, json
			.writeValueAsString(Map.of("action", "update", "url", note, "delete", Map.of("photo", List.of(dropped)))));
		assertThat(updated.statusCode()).as(updated.body()).isIn(200, 204);
		assertThat(droppedFiles).allSatisfy((file) -> assertThat(file).doesNotExist());
		assertThat(fetch(dropped).statusCode()).isEqualTo(404);
		assertThat(rows(dropped)).isZero();

		// the note with the kept photo is deleted and purged: the other note still shows
		// it
		HttpResponse<String> deleted = new MicropubClient(server).form(TOKEN, "action", "delete", "url", note);
		assertThat(deleted.statusCode()).as(deleted.body()).isIn(200, 204);
		OwnerClient owner = OwnerClient.signIn(server, OwnerClient.PASSWORD);
		HttpResponse<String> purged = owner.post("/admin/purge/" + id(note), Map.of("confirm", "yes"));
		assertThat(purged.statusCode()).as(purged.body()).isIn(200, 303);
		assertThat(files(kept)).hasSize(4).allSatisfy((file) -> assertThat(file).isRegularFile());
		assertThat(fetch(kept).statusCode()).isEqualTo(200);

		// and once the last note showing it is purged, it goes with its variants
		List<Path> keptFiles = files(kept);
		new MicropubClient(server).form(TOKEN, "action", "delete", "url", other);
		owner.post("/admin/purge/" + id(other), Map.of("confirm", "yes"));
		assertThat(keptFiles).allSatisfy((file) -> assertThat(file).doesNotExist());
		assertThat(rows(kept)).isZero();
	}

	@Test
	void aPhotoOfANoteThatIsOnlyDeletedStaysForItsRestore() throws Exception {
		String photo = upload(TestImages.plainJpeg(400, 300));
		String note = create("Deleted, not purged", photo, "Still here");
		new MicropubClient(server).form(TOKEN, "action", "delete", "url", note);
		assertThat(files(photo)).hasSize(3).allSatisfy((file) -> assertThat(file).isRegularFile());
	}

	private static String upload(byte[] image) {
		HttpResponse<String> created = new MicropubClient(server).multipart("/micropub/media", TOKEN,
				new Multipart().file("file", "photo", "application/octet-stream", image));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		return created.headers().firstValue("Location").orElseThrow();
	}

	/** Creates a note with photos (URL, alt, URL, alt, ...) and answers its URL. */
	private static String create(String text, String... photosAndAlts) throws Exception {
		List<Map<String, String>> photos = new java.util.ArrayList<>();
		for (int i = 0; i < photosAndAlts.length; i += 2) {
			photos.add(Map.of("value", photosAndAlts[i], "alt", photosAndAlts[i + 1]));
		}
		HttpResponse<String> created = new MicropubClient(server).json(TOKEN, json.writeValueAsString(
				Map.of("type", List.of("h-entry"), "properties", Map.of("content", List.of(text), "photo", photos))));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		return created.headers().firstValue("Location").orElseThrow();
	}

	private static String path(String url) {
		return url.substring(SITE.length());
	}

	private static HttpResponse<String> fetch(String url) throws Exception {
		return http.send(HttpRequest.newBuilder(server.uri(path(url))).build(), HttpResponse.BodyHandlers.ofString());
	}

	/** The files of a stored original and its variants. */
	private static List<Path> files(String url) throws Exception {
		String original = path(url);
		String stem = original.substring(0, original.lastIndexOf('.'));
		try (var found = Files.list(dataPath.resolve(original).getParent())) {
			return found.filter((file) -> {
				String relative = dataPath.relativize(file).toString().replace('\\', '/');
				return relative.equals(original) || relative.startsWith(stem + "_");
			}).toList();
		}
	}

	private static int rows(String url) throws Exception {
		String original = path(url);
		String stem = original.substring(0, original.lastIndexOf('.'));
		return Sqlite
			.rows(dataPath.resolve("starpunk.db"),
					"SELECT id FROM media WHERE path = '" + original + "' OR path LIKE '" + stem + "\\_%' ESCAPE '\\'")
			.size();
	}

	private static long id(String noteUrl) throws Exception {
		String slug = noteUrl.substring((SITE + "notes/").length());
		return Long
			.parseLong(Sqlite.rows(dataPath.resolve("starpunk.db"), "SELECT id FROM notes WHERE slug = '" + slug + "'")
				.get(0)
				.get("id"));
	}

}
