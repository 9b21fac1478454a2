package io.starpunk.database;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.jayway.jsonpath.JsonPath;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.starpunk.support.LegacyFixtures;
import io.starpunk.support.RunningServer;
import io.starpunk.support.Sqlite;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * STATES.md points 10 and 11 read from outside, as a visitor meets them right after the
 * first start on a StarPunk 1.1–1.5 data directory: every published note is found by a
 * word only it has, the draft and the deleted note never are; StarPunk's tags are the
 * notes' tags in their display spelling, with StarPunk's own tag addresses still
 * answering.
 */
class AdoptedSearchAndTagsTests {

	private static final List<String> LATER = LegacyFixtures.LATER;

	private static final String SITE_URL = "https://blog.example/";

	@ParameterizedTest(name = "{0}")
	@FieldSource("LATER")
	void searchFindsEveryPublishedNoteByAWordOnlyItHasAndNeverTheDraftOrTheDeletedOne(String fixture,
			@TempDir Path temp) throws Exception {
		Path dataPath = LegacyFixtures.copy(fixture, temp);
		List<Map<String, String>> notes = Sqlite.rows(dataPath.resolve("starpunk.db"),
				"SELECT slug, file_path, published, deleted_at FROM notes ORDER BY id");
		Map<String, String> uniqueWords = uniqueWords(dataPath, notes);
		assertThat(uniqueWords).as("every note of the fixture has a word of its own").hasSameSizeAs(notes);
		try (RunningServer server = RunningServer.start(dataPath, List.of(), "SITE_URL=" + SITE_URL)) {
			for (Map<String, String> note : notes) {
				String slug = note.get("slug");
				boolean visible = note.get("published").equals("1") && note.get("deleted_at") == null;
				HttpResponse<String> answer = server
					.get("/api/search?q=" + URLEncoder.encode(uniqueWords.get(slug), StandardCharsets.UTF_8));
				assertThat(answer.statusCode()).isEqualTo(200);
				List<String> found = JsonPath.read(answer.body(), "$.results[*].slug");
				if (visible) {
					assertThat(found).as("'%s' finds %s", uniqueWords.get(slug), slug).contains(slug);
				}
				else {
					assertThat(found).as("'%s' must not find %s", uniqueWords.get(slug), slug).doesNotContain(slug);
				}
			}
			Document page = Jsoup.parse(server.get("/search?q=harbour").body(), SITE_URL);
			assertThat(page.select(".h-feed .h-entry .u-url").eachAttr("href"))
				.containsExactly(SITE_URL + "notes/ferry-evening");
		}
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "v1.3.0", "v1.5.0" })
	void starpunksTagsAreTheNotesTagsWithTheirDisplaySpellingAndTheirOldAddresses(String fixture, @TempDir Path temp) {
		Path dataPath = LegacyFixtures.copy(fixture, temp);
		try (RunningServer server = RunningServer.start(dataPath, List.of(), "SITE_URL=" + SITE_URL)) {
			Element entry = entry(server, "/notes/photo-walk");
			Map<String, String> links = new LinkedHashMap<>();
			for (Element category : entry.select("a.p-category[rel~=tag]")) {
				links.put(category.text(), category.attr("href"));
			}
			assertThat(links).containsExactly(Map.entry("IndieWeb", SITE_URL + "tags/indieweb"),
					Map.entry("Photography", SITE_URL + "tags/photography"));

			HttpResponse<String> tagPage = server.get("/tags/indieweb");
			assertThat(tagPage.statusCode()).isEqualTo(200);
			Document document = Jsoup.parse(tagPage.body(), SITE_URL);
			assertThat(document.select(".h-feed .h-entry .entry-meta > .u-url").eachAttr("href"))
				.containsExactlyInAnyOrder(SITE_URL + "notes/photo-walk", SITE_URL + "notes/owning-your-words");

			assertThat(server.get("/tags/micropub").statusCode()).as("a tag only the draft carries").isEqualTo(404);
			HttpResponse<String> other = server.get("/tag/indieweb");
			assertThat(other.statusCode()).isEqualTo(301);
			assertThat(other.headers().firstValue("Location"))
				.hasValueSatisfying((location) -> assertThat(location).endsWith("/tags/indieweb"));

			Document index = Jsoup.parse(server.get("/tags").body(), SITE_URL);
			Set<String> listed = index.select("main a[href*=/tags/]")
				.stream()
				.map(Element::text)
				.collect(Collectors.toSet());
			assertThat(listed).contains("IndieWeb", "Photography", "Writing").doesNotContain("Micropub");
			if (fixture.equals("v1.5.0")) {
				assertThat(listed).contains("Coffee");
			}
		}
	}

	@Test
	void aStarpunk11DirectoryWithoutTagsHasNoTagPagesButIsSearchable(@TempDir Path temp) {
		Path dataPath = LegacyFixtures.copy("v1.1.0", temp);
		try (RunningServer server = RunningServer.start(dataPath, List.of(), "SITE_URL=" + SITE_URL)) {
			assertThat(server.get("/tags/indieweb").statusCode()).isEqualTo(404);
			assertThat(server.get("/tags").statusCode()).isEqualTo(200);
			List<String> found = JsonPath.read(server.get("/api/search?q=lanterns").body(), "$.results[*].slug");
			assertThat(found).containsExactly("winter-lanterns");
		}
	}

	private static Element entry(RunningServer server, String path) {
		HttpResponse<String> page = server.get(path);
		assertThat(page.statusCode()).as(path).isEqualTo(200);
		Element entry = Jsoup.parse(page.body(), SITE_URL).selectFirst(".h-entry");
		assertThat(entry).as("h-entry of " + path).isNotNull();
		return entry;
	}

	/**
	 * For each note, one word of its file that no other note's file has (letters only, at
	 * least five of them, so that no stem is shared by chance), by slug.
	 */
	private static Map<String, String> uniqueWords(Path dataPath, List<Map<String, String>> notes) throws IOException {
		Map<String, Set<String>> words = new LinkedHashMap<>();
		for (Map<String, String> note : notes) {
			String text = Files.readString(dataPath.resolve(note.get("file_path")), StandardCharsets.UTF_8);
			Set<String> own = new HashSet<>();
			for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}]+")) {
				if (word.length() >= 5) {
					own.add(word);
				}
			}
			words.put(note.get("slug"), own);
		}
		Map<String, String> unique = new LinkedHashMap<>();
		words.forEach((slug, own) -> own.stream()
			.filter((word) -> words.entrySet()
				.stream()
				.noneMatch((other) -> !other.getKey().equals(slug)
						&& other.getValue().stream().anyMatch((theirs) -> shareAStem(theirs, word))))
			.sorted()
			.findFirst()
			.ifPresent((word) -> unique.put(slug, word)));
		return unique;
	}

	private static boolean shareAStem(String a, String b) {
		int common = Math.min(Math.min(a.length(), b.length()), 5);
		return a.regionMatches(0, b, 0, common);
	}

}
