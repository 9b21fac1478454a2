package io.starpunk.micropub;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.starpunk.support.MicropubClient;
import io.starpunk.support.Multipart;
import io.starpunk.support.RunningServer;
import io.starpunk.support.Sqlite;
import io.starpunk.support.TestTokens;

import static io.starpunk.support.JsonErrors.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replies, likes, reposts, bookmarks and RSVPs as Micropub clients send them (form, JSON,
 * multipart; a URL, several, or a nested h-cite): stored, given back by {@code q=source},
 * listed by {@code q=config}; a like, repost, bookmark or RSVP needs no text.
 */
class PostTypesTests {

	private static final String TOKEN = "post-types-token-0123456789abcdef0123456789abcdef";

	private static final String SITE = "http://blog.test/";

	private static final JsonMapper json = JsonMapper.builder().build();

	@TempDir
	static Path dataPath;

	static RunningServer server;

	static MicropubClient client;

	@BeforeAll
	static void start() throws Exception {
		server = RunningServer.start(dataPath, List.of(), "SITE_URL=" + SITE, "ADMIN_ME=https://owner.example/");
		TestTokens.insert(dataPath, TOKEN, "https://owner.example/", "create update delete");
		client = new MicropubClient(server);
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@Test
	void configListsEveryPostType() {
		JsonNode config = query("/micropub?q=config");
		List<String> types = config.path("post-types")
			.valueStream()
			.map((type) -> type.path("type").asString())
			.toList();
		assertThat(types).containsExactly("note", "reply", "like", "repost", "bookmark", "rsvp");
		assertThat(config.path("post-types").valueStream().map((type) -> type.path("name").asString()))
			.containsExactly("Note", "Reply", "Like", "Repost", "Bookmark", "RSVP");
	}

	@Test
	void aFormReplyKeepsItsUrlAndText() {
		String location = created(client.form(TOKEN, "h", "entry", "content", "Well said!", "in-reply-to",
				"https://example.org/posts/1"));
		JsonNode properties = source(location).path("properties");
		assertThat(properties.path("in-reply-to").get(0).asString()).isEqualTo("https://example.org/posts/1");
		assertThat(properties.path("content").get(0).asString()).isEqualTo("Well said!");
	}

	@Test
	void aLikeWithoutTextIsANoteWithAnEmptyFileAndASlugOfItsOwn() throws Exception {
		String location = created(client.form(TOKEN, "h", "entry", "like-of", "https://example.org/photos/7"));
		assertThat(location).startsWith(SITE + "notes/liked-example-org");
		JsonNode properties = source(location).path("properties");
		assertThat(properties.path("like-of").get(0).asString()).isEqualTo("https://example.org/photos/7");
		assertThat(properties.path("content").get(0).asString()).isEmpty();
		String filePath = Sqlite
			.rows(dataPath.resolve("starpunk.db"),
					"SELECT file_path FROM notes WHERE slug = '" + location.substring((SITE + "notes/").length()) + "'")
			.get(0)
			.get("file_path");
		assertThat(Files.size(dataPath.resolve(filePath))).isZero();
		assertThat(server.get(location.substring(SITE.length() - 1)).statusCode()).isEqualTo(200);
	}

	@Test
	void jsonRepostsAndBookmarksTakeUrlsOrNestedCitations() {
		String repost = created(client.json(TOKEN, """
				{"type": ["h-entry"], "properties": {"repost-of": [{"type": ["h-cite"], "properties": {
				 "url": ["https://example.org/essay"], "name": ["An essay"],
				 "author": [{"type": ["h-card"], "properties": {"name": ["Ada"]}}]}}]}}"""));
		JsonNode cite = source(repost).path("properties").path("repost-of").get(0);
		assertThat(cite.path("type").get(0).asString()).isEqualTo("h-cite");
		assertThat(cite.path("properties").path("url").get(0).asString()).isEqualTo("https://example.org/essay");
		assertThat(cite.path("properties").path("name").get(0).asString()).isEqualTo("An essay");
		String bookmark = created(client.json(TOKEN, """
				{"type": ["h-entry"], "properties": {"bookmark-of": ["https://example.org/a", "https://example.org/b"],
				 "name": ["Two good reads"]}}"""));
		assertThat(source(bookmark).path("properties").path("bookmark-of").valueStream().map(JsonNode::asString))
			.containsExactly("https://example.org/a", "https://example.org/b");
		String array = created(client.form(TOKEN, "h", "entry", "content", "Both of you", "in-reply-to[]",
				"https://example.org/1", "in-reply-to[]", "https://example.net/2"));
		assertThat(source(array).path("properties").path("in-reply-to").valueStream().map(JsonNode::asString))
			.containsExactly("https://example.org/1", "https://example.net/2");
	}

	@Test
	void anRsvpIsOneOfItsFourAnswers() {
		String yes = created(
				client.form(TOKEN, "h", "entry", "rsvp", "yes", "in-reply-to", "https://events.example/party"));
		JsonNode properties = source(yes).path("properties");
		assertThat(properties.path("rsvp").get(0).asString()).isEqualTo("yes");
		assertThat(properties.path("in-reply-to").get(0).asString()).isEqualTo("https://events.example/party");
		created(client.json(TOKEN,
				"""
						{"type": ["h-entry"], "properties": {"rsvp": ["interested"], "in-reply-to": ["https://events.example/x"],
						 "content": ["Sounds fun"]}}"""));
		assertError(client.form(TOKEN, "h", "entry", "rsvp", "perhaps", "in-reply-to", "https://events.example/party"),
				400, "invalid_request");
		assertError(client.json(TOKEN, """
				{"type": ["h-entry"], "properties": {"rsvp": [true], "in-reply-to": ["https://events.example/x"]}}"""),
				400, "invalid_request");
	}

	@Test
	void aMultipartBookmarkIsStored() {
		Multipart body = new Multipart().field("h", "entry")
			.field("bookmark-of", "https://example.org/reading")
			.field("content", "For later");
		String location = created(client.multipart("/micropub", TOKEN, body));
		assertThat(source(location).path("properties").path("bookmark-of").get(0).asString())
			.isEqualTo("https://example.org/reading");
	}

	@Test
	void aReplyNeedsTextAndResponsesNeedUrls() throws Exception {
		String before = count();
		assertError(client.form(TOKEN, "h", "entry", "in-reply-to", "https://example.org/posts/1"), 400,
				"invalid_request");
		assertError(client.form(TOKEN, "h", "entry", "like-of", "not a url"), 400, "invalid_request");
		assertError(client.form(TOKEN, "h", "entry", "like-of", "javascript:alert(1)"), 400, "invalid_request");
		assertError(client.json(TOKEN, """
				{"type": ["h-entry"], "properties": {"repost-of": [42]}}"""), 400, "invalid_request");
		assertThat(count()).isEqualTo(before);
	}

	@Test
	void anUpdateChangesWhatANoteRespondsTo() {
		String location = created(
				client.form(TOKEN, "h", "entry", "content", "Nice", "like-of", "https://example.org/old"));
		HttpResponse<String> update = client.json(TOKEN, """
				{"action": "update", "url": "%s", "replace": {"like-of": ["https://example.org/new"]},
				 "add": {"bookmark-of": ["https://example.org/also"]}}""".formatted(location));
		assertThat(update.statusCode()).as(update.body()).isEqualTo(204);
		JsonNode properties = source(location).path("properties");
		assertThat(properties.path("like-of").get(0).asString()).isEqualTo("https://example.org/new");
		assertThat(properties.path("bookmark-of").get(0).asString()).isEqualTo("https://example.org/also");
		assertError(client.json(TOKEN, """
				{"action": "update", "url": "%s", "replace": {"rsvp": ["perhaps"]}}""".formatted(location)), 400,
				"invalid_request");
	}

	private static String count() throws Exception {
		return Sqlite.rows(dataPath.resolve("starpunk.db"), "SELECT count(*) AS n FROM notes").get(0).get("n");
	}

	private static String created(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return response.headers().firstValue("Location").orElseThrow();
	}

	private static JsonNode source(String location) {
		return query("/micropub?q=source&url=" + URLEncoder.encode(location, StandardCharsets.UTF_8));
	}

	private static JsonNode query(String path) {
		HttpResponse<String> response = client.get(path, TOKEN);
		assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
		return json.readTree(response.body());
	}

}
