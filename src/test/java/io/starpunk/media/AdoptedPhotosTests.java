package io.starpunk.media;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.starpunk.config.Sha256;
import io.starpunk.support.LegacyFixtures;
import io.starpunk.support.OwnerClient;
import io.starpunk.support.RunningServer;
import io.starpunk.support.Sqlite;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A StarPunk 1.5 data directory's photos: the variants StarPunk made are used as they are
 * (same URLs, same bytes) in each photo's {@code srcset}; the originals StarPunk kept
 * with their EXIF (GPS included) are counted on {@code /admin/photos} and cleaned in
 * place with one confirmed action, keeping their URLs.
 */
class AdoptedPhotosTests {

	private static final String SITE = "http://blog.example/";

	private static final String FOLDER = "media/2025/12/";

	private static final String LIGHTHOUSE = FOLDER + "a84f15a2-692c-5980-b905-30d59d59b2c0.jpg";

	private static final String BRIDGE = "4ae425b7-0ab3-54b3-96f1-e90a85b124fd";

	@Test
	void starpunksVariantsAreLinkedToTheirOriginalsAndOfferedInSrcset(@TempDir Path temp) throws Exception {
		Path dataPath = LegacyFixtures.copy("v1.5.0", temp);
		Map<String, String> before = hashes(dataPath);
		try (RunningServer server = start(dataPath)) {
			List<Map<String, String>> variants = Sqlite.rows(dataPath.resolve("starpunk.db"),
					"SELECT v.path AS path, v.variant AS variant, o.path AS original FROM media v "
							+ "JOIN media o ON v.original_id = o.id ORDER BY v.path");
			assertThat(variants).hasSize(11).allSatisfy((row) -> {
				String stem = row.get("original").substring(0, row.get("original").lastIndexOf('.'));
				assertThat(row.get("path")).startsWith(stem + "_" + row.get("variant") + ".");
			});
			assertThat(Sqlite.rows(dataPath.resolve("starpunk.db"), "SELECT path FROM media WHERE width IS NULL"))
				.isEmpty();

			Document page = Jsoup.parse(server.get("/notes/photo-walk").body(), SITE + "notes/photo-walk");
			Element first = page.selectFirst(".h-entry img.u-photo");
			String url = SITE + FOLDER + BRIDGE;
			assertThat(first.attr("src")).isEqualTo(url + ".jpg");
			assertThat(first.attr("srcset")).startsWith(url + "_small.jpg 320w, " + url + "_medium.jpg 640w, ")
				.doesNotContain("_thumb");
			assertThat(first.attr("width")).isNotBlank();
		}
		assertThat(hashes(dataPath)).as("no file is touched by starting").isEqualTo(before);
	}

	@Test
	void theOwnerSeesWhichImagesCarryALocationAndCleansThemInPlace(@TempDir Path temp) throws Exception {
		Path dataPath = LegacyFixtures.copy("v1.5.0", temp);
		Path lighthouse = dataPath.resolve(LIGHTHOUSE);
		byte[] original = Files.readAllBytes(lighthouse);
		assertThat(MetadataReport.of(original).location()).as("StarPunk kept the GPS position").isTrue();
		try (RunningServer server = start(dataPath)) {
			OwnerClient owner = OwnerClient.signIn(server, OwnerClient.PASSWORD);
			Document page = Jsoup.parse(owner.get("/admin/photos").body());
			assertThat(page.select("li a").eachText()).contains(LIGHTHOUSE);
			int toClean = Integer.parseInt(page.select(".photo-survey strong").get(0).text())
					+ Integer.parseInt(page.select(".photo-survey strong").get(1).text());
			assertThat(toClean).isPositive();
			String located = page.select(".photo-survey strong").get(0).text();
			Element notice = Jsoup.parse(owner.get("/admin").body()).selectFirst(".located-images");
			assertThat(notice.text()).startsWith(located + " stored image");
			assertThat(notice.selectFirst("a").attr("href")).isEqualTo("/admin/photos");

			Map<String, String> before = hashes(dataPath);
			Map<String, Boolean> carried = new HashMap<>();
			before.keySet()
				.forEach((path) -> carried.put(path,
						StoredImages.carriesMetadata(MetadataReport.of(dataPath.resolve(path)))));
			assertThat(carried.values().stream().filter(Boolean::booleanValue).count()).isEqualTo(toClean);
			assertThat(owner.post("/admin/photos/clean", Map.of()).statusCode()).isEqualTo(400);
			assertThat(hashes(dataPath)).as("nothing changes unconfirmed").isEqualTo(before);

			assertThat(owner.post("/admin/photos/clean", Map.of("confirm", "yes")).statusCode()).isEqualTo(303);
			Document after = Jsoup.parse(owner.get("/admin/photos?cleaned=" + toClean + "&failed=0").body());
			assertThat(after.select(".flash").text()).contains("Cleaned " + toClean);
			assertThat(after.select(".photo-survey strong").eachText()).containsExactly("0", "0");
			assertThat(Jsoup.parse(owner.get("/admin").body()).select(".located-images")).isEmpty();

			byte[] cleaned = Files.readAllBytes(lighthouse);
			MetadataReport report = MetadataReport.of(cleaned);
			assertThat(report.location() || report.exif() || report.xmp() || report.comments()).isFalse();
			BufferedImage was = ImageIO.read(new ByteArrayInputStream(original));
			BufferedImage is = ImageIO.read(new ByteArrayInputStream(cleaned));
			assertThat(is.getWidth()).isEqualTo(was.getWidth());
			assertThat(is.getHeight()).isEqualTo(was.getHeight());
			assertThat(Sqlite.rows(dataPath.resolve("starpunk.db"),
					"SELECT content_hash, size_bytes FROM media WHERE path = '" + LIGHTHOUSE + "'"))
				.containsExactly(
						Map.of("content_hash", Sha256.hex(cleaned), "size_bytes", Integer.toString(cleaned.length)));
			var served = server.get("/" + LIGHTHOUSE);
			assertThat(served.statusCode()).isEqualTo(200);

			// exactly the files that carried metadata were rewritten
			Map<String, String> now = hashes(dataPath);
			before
				.forEach((path, hash) -> assertThat(now.get(path).equals(hash)).as(path).isEqualTo(!carried.get(path)));
			assertThat(carried.values()).contains(false);
			assertThat(now.keySet()).isEqualTo(before.keySet());
		}
	}

	private static RunningServer start(Path dataPath) {
		return RunningServer.start(dataPath, List.of(), "SITE_URL=" + SITE, "ADMIN_PASSWORD=" + OwnerClient.PASSWORD);
	}

	private static Map<String, String> hashes(Path dataPath) throws Exception {
		Map<String, String> hashes = new HashMap<>();
		try (Stream<Path> files = Files.walk(dataPath.resolve("media"))) {
			for (Path file : files.filter(Files::isRegularFile).toList()) {
				hashes.put(dataPath.relativize(file).toString().replace('\\', '/'),
						Sha256.hex(Files.readAllBytes(file)));
			}
		}
		return hashes;
	}

}
