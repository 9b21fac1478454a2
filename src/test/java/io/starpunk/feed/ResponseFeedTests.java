package io.starpunk.feed;

import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.starpunk.support.MicropubClient;
import io.starpunk.support.RunningServer;
import io.starpunk.support.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replies, likes, reposts and bookmarks in the three feeds: a line naming what the note
 * responds to, with its link, before the note's text (RSS and Atom, read by Rome), and
 * JSON Feed's {@code external_url}.
 */
class ResponseFeedTests {

	private static final String TOKEN = "feed-responses-token-0123456789abcdef0123456789abcdef";

	private static final String SITE = "http://blog.test/";

	private static final JsonMapper json = JsonMapper.builder().build();

	@TempDir
	static Path dataPath;

	static RunningServer server;

	@BeforeAll
	static void start() throws Exception {
		server = RunningServer.start(dataPath, List.of(), "SITE_URL=" + SITE, "ADMIN_ME=https://owner.example/");
		TestTokens.insert(dataPath, TOKEN, "https://owner.example/", "create");
		MicropubClient client = new MicropubClient(server);
		created(client.form(TOKEN, "h", "entry", "content", "Quite right", "in-reply-to",
				"https://elsewhere.invalid/post", "mp-slug", "reply"));
		created(client.form(TOKEN, "h", "entry", "like-of", "https://elsewhere.invalid/photo", "mp-slug", "like"));
		created(client.form(TOKEN, "h", "entry", "repost-of", "https://elsewhere.invalid/essay", "mp-slug", "repost"));
		created(client.form(TOKEN, "h", "entry", "bookmark-of", "https://elsewhere.invalid/read", "content",
				"Worth a read", "mp-slug", "bookmark"));
		created(client.form(TOKEN, "h", "entry", "content", "Just words", "mp-slug", "plain"));
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@Test
	void rssAndAtomNameWhatEachNoteRespondsTo() throws Exception {
		for (String path : List.of("/feed.xml", "/feed.atom")) {
			SyndFeed feed = new SyndFeedInput().build(new StringReader(server.get(path).body()));
			assertThat(line(feed, path, "reply", "https://elsewhere.invalid/post")).isEqualTo("In reply to");
			assertThat(line(feed, path, "like", "https://elsewhere.invalid/photo")).isEqualTo("Liked");
			assertThat(line(feed, path, "repost", "https://elsewhere.invalid/essay")).isEqualTo("Reposted");
			assertThat(line(feed, path, "bookmark", "https://elsewhere.invalid/read")).isEqualTo("Bookmarked");
			assertThat(html(feed, path, "bookmark").text()).endsWith("Worth a read");
			assertThat(html(feed, path, "plain").select("a")).isEmpty();
		}
	}

	@Test
	void jsonFeedGivesThePageAsExternalUrl() {
		HttpResponse<String> response = server.get("/feed.json");
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode items = json.readTree(response.body()).path("items");
		assertThat(item(items, "like").path("external_url").asString()).isEqualTo("https://elsewhere.invalid/photo");
		assertThat(item(items, "reply").path("external_url").asString()).isEqualTo("https://elsewhere.invalid/post");
		assertThat(Jsoup.parse(item(items, "repost").path("content_html").asString())
			.select("a[href=https://elsewhere.invalid/essay]")
			.text()).isEqualTo("https://elsewhere.invalid/essay");
		assertThat(item(items, "plain").has("external_url")).isFalse();
	}

	/** The words before the link to {@code url} in a note's item. */
	private static String line(SyndFeed feed, String path, String slug, String url) {
		var link = html(feed, path, slug).selectFirst("a[href=" + url + "]");
		assertThat(link).as(path + " " + slug).isNotNull();
		return link.parent().ownText().strip();
	}

	private static Document html(SyndFeed feed, String path, String slug) {
		SyndEntry entry = feed.getEntries()
			.stream()
			.filter((each) -> each.getLink().equals(SITE + "notes/" + slug))
			.findFirst()
			.orElseThrow();
		return Jsoup
			.parse(path.endsWith("atom") ? entry.getContents().get(0).getValue() : entry.getDescription().getValue());
	}

	private static JsonNode item(JsonNode items, String slug) {
		return items.valueStream()
			.filter((item) -> item.path("url").asString().equals(SITE + "notes/" + slug))
			.findFirst()
			.orElseThrow();
	}

	private static void created(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
	}

}
