package io.starpunk.site;

import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import io.starpunk.support.Microformats;
import io.starpunk.support.MicropubClient;
import io.starpunk.support.RunningServer;
import io.starpunk.support.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replies, likes, reposts, bookmarks and RSVPs on the permalink, the home page and tag
 * pages, as a microformats2 parser (mf2py) reads them: {@code in-reply-to},
 * {@code like-of}, {@code repost-of}, {@code bookmark-of} and {@code rsvp} inside the
 * h-entry. The pages they respond to answer 404 here, so no context is shown.
 */
class ResponsesPageTests {

	private static final String TOKEN = "responses-token-0123456789abcdef0123456789abcdef";

	private static final String SITE = "http://blog.test/";

	@TempDir
	static Path dataPath;

	static RunningServer server;

	static MicropubClient client;

	static HttpServer elsewhere;

	static String other;

	@BeforeAll
	static void start() throws Exception {
		elsewhere = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		elsewhere.createContext("/", (exchange) -> {
			exchange.sendResponseHeaders(404, -1);
			exchange.close();
		});
		elsewhere.start();
		other = "http://127.0.0.1:" + elsewhere.getAddress().getPort();
		server = RunningServer.start(dataPath, List.of(), "SITE_URL=" + SITE, "ADMIN_ME=https://owner.example/",
				"FETCH_ALLOW_PRIVATE=true");
		TestTokens.insert(dataPath, TOKEN, "https://owner.example/", "create update delete");
		client = new MicropubClient(server);
		created(client.form(TOKEN, "h", "entry", "content", "I agree", "in-reply-to", other + "/post", "category",
				"talk", "mp-slug", "reply"));
		created(client.form(TOKEN, "h", "entry", "like-of", other + "/photo", "category", "talk", "mp-slug", "like"));
		created(client.json(TOKEN, """
				{"type": ["h-entry"], "properties": {"repost-of": [{"type": ["h-cite"],
				 "properties": {"url": ["%s/essay"]}}], "mp-slug": ["repost"]}}""".formatted(other)));
		created(client.form(TOKEN, "h", "entry", "bookmark-of", other + "/read", "content", "For later", "mp-slug",
				"bookmark"));
		created(client.form(TOKEN, "h", "entry", "rsvp", "maybe", "in-reply-to", other + "/party", "mp-slug", "rsvp"));
		created(client.form(TOKEN, "h", "entry", "content", "Just a note", "mp-slug", "plain"));
	}

	@AfterAll
	static void stop() {
		server.close();
		elsewhere.stop(0);
	}

	@Test
	void eachPermalinkCarriesWhatItRespondsTo() {
		assertThat(entry("/notes/reply").path("properties").path("in-reply-to").get(0).asString())
			.isEqualTo(other + "/post");
		assertThat(Microformats.values(entry("/notes/reply"), "content")).containsExactly("I agree");
		assertThat(Microformats.values(entry("/notes/like"), "like-of")).containsExactly(other + "/photo");
		assertThat(Microformats.values(entry("/notes/repost"), "repost-of")).containsExactly(other + "/essay");
		assertThat(Microformats.values(entry("/notes/bookmark"), "bookmark-of")).containsExactly(other + "/read");
		JsonNode rsvp = entry("/notes/rsvp");
		assertThat(Microformats.values(rsvp, "rsvp")).containsExactly("maybe");
		assertThat(Microformats.values(rsvp, "in-reply-to")).containsExactly(other + "/party");
		JsonNode plain = entry("/notes/plain");
		for (String property : List.of("in-reply-to", "like-of", "repost-of", "bookmark-of", "rsvp")) {
			assertThat(plain.path("properties").has(property)).as(property).isFalse();
		}
	}

	@Test
	void aLikeWithoutTextHasAHeadlineForPeople() {
		HttpResponse<String> page = server.get("/notes/like");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(org.jsoup.Jsoup.parse(page.body()).title()).contains("Liked 127.0.0.1");
		assertThat(org.jsoup.Jsoup.parse(page.body()).select(".h-entry .response").text())
			.isEqualTo("Liked " + other + "/photo");
	}

	@Test
	void theHomeAndTagPagesCarryThemToo() {
		JsonNode home = Microformats.parse(server.get("/").body(), SITE);
		List<JsonNode> entries = Microformats.items(home, "h-feed").get(0).path("children").valueStream().toList();
		assertThat(entries)
			.anySatisfy((entry) -> assertThat(Microformats.values(entry, "like-of")).containsExactly(other + "/photo"));
		assertThat(entries)
			.anySatisfy((entry) -> assertThat(Microformats.values(entry, "rsvp")).containsExactly("maybe"));
		JsonNode tag = Microformats.parse(server.get("/tags/talk").body(), SITE);
		List<JsonNode> tagged = Microformats.items(tag, "h-feed").isEmpty() ? Microformats.items(tag, "h-entry")
				: Microformats.items(tag, "h-feed").get(0).path("children").valueStream().toList();
		assertThat(tagged).anySatisfy(
				(entry) -> assertThat(Microformats.values(entry, "in-reply-to")).containsExactly(other + "/post"));
	}

	private static JsonNode entry(String path) {
		HttpResponse<String> page = server.get(path);
		assertThat(page.statusCode()).as(path).isEqualTo(200);
		List<JsonNode> entries = Microformats.items(Microformats.parse(page.body(), SITE + path.substring(1)),
				"h-entry");
		assertThat(entries).as(path).hasSize(1);
		return entries.get(0);
	}

	private static void created(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
	}

}
