package io.starpunk.micropub;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.starpunk.notes.Note;
import io.starpunk.notes.Notes;
import io.starpunk.support.MicropubClient;
import io.starpunk.support.RunningServer;
import io.starpunk.support.Sqlite;
import io.starpunk.support.TestTokens;

import static io.starpunk.support.JsonErrors.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Creating, deleting, undeleting and reading notes through Micropub over real HTTP, with
 * tokens as the token endpoint stores them (their SHA-256 in {@code tokens}).
 */
class MicropubEndpointTests {

	private static final String CREATE = "create-token-0123456789abcdef0123456789abcdef";

	private static final String DRAFT_ONLY = "draft-token-0123456789abcdef0123456789abcdef";

	private static final String MEDIA_ONLY = "media-token-0123456789abcdef0123456789abcdef";

	private static final String EVERYTHING = "all-token-0123456789abcdef0123456789abcdef";

	private static final String SOMEONE_ELSE = "other-token-0123456789abcdef0123456789abcdef";

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final HttpClient http = HttpClient.newHttpClient();

	@TempDir
	static Path dataPath;

	static RunningServer server;

	@BeforeAll
	static void start() throws Exception {
		server = RunningServer.start(dataPath, List.of(), "SITE_URL=http://blog.test/",
				"ADMIN_ME=https://owner.example/");
		TestTokens.insert(dataPath, CREATE, "https://owner.example/", "create update");
		TestTokens.insert(dataPath, DRAFT_ONLY, "https://owner.example/", "draft");
		TestTokens.insert(dataPath, MEDIA_ONLY, "https://owner.example/", "media");
		TestTokens.insert(dataPath, EVERYTHING, "https://owner.example/", "create update delete undelete");
		TestTokens.insert(dataPath, SOMEONE_ELSE, "https://someone-else.example/", "create");
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@Test
	void aFormPostCreatesAPublishedNote() throws Exception {
		HttpResponse<String> response = form(CREATE, "h", "entry", "content", "Hello from a Micropub form");
		assertThat(response.statusCode()).isEqualTo(201);
		String location = response.headers().firstValue("Location").orElseThrow();
		assertThat(location).startsWith("http://blog.test/notes/");
		Note note = note(location);
		assertThat(note.visible()).isTrue();
		assertThat(server.get("/notes/" + note.slug()).body()).contains("Hello from a Micropub form");
	}

	@Test
	void jsonCreatesWithTheRequestedSlugAndDraftsStayDrafts() throws Exception {
		HttpResponse<String> response = jsonPost(CREATE, """
				{"type": ["h-entry"], "properties": {"content": ["Posted as JSON"], "mp-slug": ["json-slug"]}}""");
		assertThat(response.statusCode()).isEqualTo(201);
		assertThat(response.headers().firstValue("Location")).hasValue("http://blog.test/notes/json-slug");
		HttpResponse<String> draft = form(CREATE, "h", "entry", "content", "Not yet", "post-status", "draft", "mp-slug",
				"not-yet");
		assertThat(draft.statusCode()).isEqualTo(201);
		assertThat(note(draft.headers().firstValue("Location").orElseThrow()).published()).isFalse();
		assertThat(server.get("/notes/not-yet").statusCode()).isEqualTo(404);
	}

	@Test
	void aBareStringTypeIsTakenLikeAnArray() throws Exception {
		HttpResponse<String> response = jsonPost(CREATE, """
				{"type": "h-entry", "properties": {"content": ["Typed as a bare string"], "mp-slug": ["bare-type"],
				 "checkin": [{"type": "h-card", "properties": {"name": ["Bare Card Cafe"], "latitude": [1.5]}}]}}""");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		assertThat(response.headers().firstValue("Location")).hasValue("http://blog.test/notes/bare-type");
		assertThat(server.get("/notes/bare-type").body()).contains("Typed as a bare string").contains("Bare Card Cafe");
		JsonNode source = json.readTree(get("/micropub?q=source&url="
				+ URLEncoder.encode("http://blog.test/notes/bare-type", StandardCharsets.UTF_8), CREATE)
			.body());
		assertThat(source.path("type")).isEqualTo(json.readTree("[\"h-entry\"]"));
		// a nested object is kept as it was sent
		assertThat(source.path("properties").path("checkin").get(0).path("type").asString()).isEqualTo("h-card");
		for (String type : List.of("\"h-event\"", "\"H-ENTRY\"", "\"\"", "[\"h-entry\", \"h-entry\"]", "1")) {
			assertError(jsonPost(CREATE, "{\"type\": " + type + ", \"properties\": {\"content\": [\"no\"]}}"), 400,
					"invalid_request");
		}
	}

	@Test
	void aParameterReadOnceThatIsSentTwiceIsRefusedByName() throws Exception {
		String first = form(EVERYTHING, "h", "entry", "content", "Keep me", "mp-slug", "keep-me").headers()
			.firstValue("Location")
			.orElseThrow();
		String second = form(EVERYTHING, "h", "entry", "content", "Keep me too", "mp-slug", "keep-me-too").headers()
			.firstValue("Location")
			.orElseThrow();
		int before = count();
		HttpResponse<String> twice = form(EVERYTHING, "action", "delete", "url", first, "url", second);
		assertError(twice, 400, "invalid_request");
		assertThat(json.readTree(twice.body()).path("error_description").asString()).contains("'url'");
		assertThat(note(first).deleted()).isFalse();
		assertThat(note(second).deleted()).isFalse();
		HttpResponse<String> slugs = form(EVERYTHING, "h", "entry", "content", "Two slugs", "mp-slug", "one", "mp-slug",
				"two");
		assertError(slugs, 400, "invalid_request");
		assertThat(json.readTree(slugs.body()).path("error_description").asString()).contains("'mp-slug'");
		HttpResponse<String> queried = get("/micropub?q=source&url=" + URLEncoder.encode(first, StandardCharsets.UTF_8)
				+ "&url=" + URLEncoder.encode(second, StandardCharsets.UTF_8), EVERYTHING);
		assertError(queried, 400, "invalid_request");
		assertThat(json.readTree(queried.body()).path("error_description").asString()).contains("'url'");
		HttpResponse<String> inJson = jsonPost(EVERYTHING,
				"{\"action\": \"delete\", \"url\": \"" + first + "\", \"url\": \"" + second + "\"}");
		assertError(inJson, 400, "invalid_request");
		assertThat(json.readTree(inJson.body()).path("error_description").asString()).contains("\"url\"");
		assertThat(note(first).deleted()).isFalse();
		assertThat(note(second).deleted()).isFalse();
		assertThat(count()).isEqualTo(before);
		// properties that may have many values still do
		assertThat(
				form(EVERYTHING, "h", "entry", "content", "Many tags", "category", "a", "category", "b").statusCode())
			.isEqualTo(201);
	}

	@Test
	void theTokenComesFromTheHeaderOrTheBodyButNeverBoth() throws Exception {
		HttpResponse<String> inBody = send(HttpRequest.newBuilder(server.uri("/micropub"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers
				.ofString(encode(Map.of("h", "entry", "content", "Token in the body", "access_token", CREATE)))));
		assertThat(inBody.statusCode()).isEqualTo(201);
		HttpResponse<String> both = send(HttpRequest.newBuilder(server.uri("/micropub"))
			.header("Authorization", "Bearer " + CREATE)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers
				.ofString(encode(Map.of("h", "entry", "content", "Twice", "access_token", CREATE)))));
		assertError(both, 400, "invalid_request");
		assertError(form(null, "h", "entry", "content", "No token"), 401, "unauthorized");
		assertThat(form(null, "h", "entry", "content", "No token").headers().firstValue("WWW-Authenticate"))
			.hasValue("Bearer");
		assertError(form("not-a-token", "h", "entry", "content", "Bad token"), 401, "unauthorized");
		assertError(form(SOMEONE_ELSE, "h", "entry", "content", "Not the owner's"), 403, "forbidden");
	}

	@Test
	void scopesDecideWhatATokenMayCreate() throws Exception {
		HttpResponse<String> media = form(MEDIA_ONLY, "h", "entry", "content", "Media only");
		assertError(media, 403, "insufficient_scope");
		assertThat(json.readTree(media.body()).path("scope").asString()).isEqualTo("create");
		assertError(form(DRAFT_ONLY, "h", "entry", "content", "Published with draft scope"), 403, "insufficient_scope");
		HttpResponse<String> draft = form(DRAFT_ONLY, "h", "entry", "content", "A draft", "post-status", "draft");
		assertThat(draft.statusCode()).isEqualTo(201);
		assertThat(note(draft.headers().firstValue("Location").orElseThrow()).published()).isFalse();
	}

	@Test
	void badRequestsGetAReasonAndCreateNothing() throws Exception {
		int before = count();
		assertError(jsonPost(CREATE, "{not json"), 400, "invalid_request");
		assertError(jsonPost(CREATE, "[1, 2]"), 400, "invalid_request");
		assertError(jsonPost(CREATE, "{\"type\": [\"h-event\"], \"properties\": {}}"), 400, "invalid_request");
		assertError(jsonPost(CREATE, "{\"type\": [\"h-entry\"], \"properties\": {\"content\": \"not a list\"}}"), 400,
				"invalid_request");
		assertError(jsonPost(CREATE, "{\"type\": [\"h-entry\"], \"properties\": {\"content\": [{\"html\": 5}]}}"), 400,
				"invalid_request");
		HttpResponse<String> badName = form(CREATE, "h", "entry", "content", "With a tag", "Category!", "indieweb");
		assertError(badName, 400, "invalid_request");
		assertThat(json.readTree(badName.body()).path("error_description").asString()).contains("Category!");
		assertError(jsonPost(CREATE, "{\"type\": [\"h-entry\"], \"properties\": {\"content\": [\"x\"], "
				+ "\"published\": [\"yesterday\"]}}"), 400, "invalid_request");
		assertError(form(CREATE, "h", "entry"), 400, "invalid_request");
		assertError(form(CREATE, "h", "entry", "content", "x", "post-status", "later"), 400, "invalid_request");
		assertError(form(CREATE, "action", "fly", "url", "http://blog.test/notes/x"), 400, "invalid_request");
		assertError(form(CREATE, "h", "entry", "content", "Reserved", "mp-slug", "admin"), 400, "invalid_request");
		assertThat(count()).as("nothing half-written").isEqualTo(before);
	}

	@Test
	void whatSpringRefusesBeforeTheEndpointsStillAnswersInMicropubJson() {
		for (String[] request : List.of(new String[] { "PUT", "/micropub" },
				new String[] { "DELETE", "/micropub/media" })) {
			HttpResponse<String> response = send(HttpRequest.newBuilder(server.uri(request[1]))
				.header("Accept", "text/html")
				.method(request[0], HttpRequest.BodyPublishers.noBody()));
			JsonNode body = assertError(response, 405, "invalid_request");
			assertThat(body.path("error_description").asString())
				.isEqualTo("This endpoint does not take that HTTP method");
			assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
		}
		HttpResponse<String> unsupported = send(HttpRequest.newBuilder(server.uri("/micropub"))
			.header("Authorization", "Bearer " + CREATE)
			.header("Content-Type", "text/plain")
			.POST(HttpRequest.BodyPublishers.ofString("h=entry")));
		assertThat(assertError(unsupported, 415, "invalid_request").path("error_description").asString())
			.isEqualTo("This endpoint does not take that Content-Type");
		assertThat(server.get("/no/such/page").headers().firstValue("Content-Type")).as("people still get pages")
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/html"));
	}

	@Test
	void deleteAndUndeleteByUrlWithTheirScopes() throws Exception {
		String url = form(EVERYTHING, "h", "entry", "content", "Soon gone, then back", "mp-slug", "gone-and-back")
			.headers()
			.firstValue("Location")
			.orElseThrow();
		assertError(form(CREATE, "action", "delete", "url", url), 403, "insufficient_scope");
		assertThat(send(HttpRequest.newBuilder(server.uri("/micropub"))
			.header("Authorization", "Bearer " + EVERYTHING)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(encode(Map.of("action", "delete", "url", url))))).statusCode())
			.isEqualTo(204);
		assertThat(server.get("/notes/gone-and-back").statusCode()).isEqualTo(410);
		HttpResponse<String> undelete = jsonPost(EVERYTHING, "{\"action\": \"undelete\", \"url\": \"" + url + "\"}");
		assertThat(undelete.statusCode()).isEqualTo(204);
		assertThat(server.get("/notes/gone-and-back").statusCode()).isEqualTo(200);
		assertError(jsonPost(EVERYTHING, "{\"action\": \"delete\", \"url\": \"http://blog.test/notes/no-such\"}"), 400,
				"invalid_request");
		assertError(jsonPost(EVERYTHING, "{\"action\": \"delete\", \"url\": \"https://elsewhere.example/notes/x\"}"),
				400, "invalid_request");
		assertError(jsonPost(EVERYTHING,
				"{\"action\": \"update\", \"url\": \"" + url + "\", \"replace\": {\"content\": \"not an array\"}}"),
				400, "invalid_request");
	}

	@Test
	void sourceGivesTheNotesProperties() throws Exception {
		String url = form(CREATE, "h", "entry", "content", "The *source* of it", "post-status", "draft").headers()
			.firstValue("Location")
			.orElseThrow();
		HttpResponse<String> source = get("/micropub?q=source&url=" + URLEncoder.encode(url, StandardCharsets.UTF_8),
				CREATE);
		assertThat(source.statusCode()).isEqualTo(200);
		JsonNode body = json.readTree(source.body());
		assertThat(body.path("type").get(0).asString()).isEqualTo("h-entry");
		assertThat(body.path("properties").path("content").get(0).asString()).isEqualTo("The *source* of it");
		assertThat(body.path("properties").path("post-status").get(0).asString()).isEqualTo("draft");
		assertError(
				get("/micropub?q=source&url="
						+ URLEncoder.encode("http://blog.test/notes/none", StandardCharsets.UTF_8), CREATE),
				400, "invalid_request");
	}

	@Test
	void sourceWithoutAUrlPagesThroughRecentPosts() throws Exception {
		for (int i = 1; i <= 3; i++) {
			assertThat(form(CREATE, "h", "entry", "content", "Paged post " + i, "mp-slug", "paged-" + i).statusCode())
				.isEqualTo(201);
		}
		JsonNode first = json.readTree(get("/micropub?q=source&limit=2", CREATE).body());
		assertThat(first.path("items")).hasSize(2);
		assertThat(first.path("items").get(0).path("properties").path("url").get(0).asString())
			.isEqualTo("http://blog.test/notes/paged-3");
		String after = first.path("paging").path("after").asString();
		assertThat(after).isNotEmpty();
		JsonNode second = json.readTree(get("/micropub?q=source&limit=2&after=" + after, CREATE).body());
		assertThat(second.path("items").get(0).path("properties").path("url").get(0).asString())
			.isEqualTo("http://blog.test/notes/paged-1");
		assertError(get("/micropub?q=source&limit=0", CREATE), 400, "invalid_request");
		assertError(get("/micropub?q=source&limit=lots", CREATE), 400, "invalid_request");
		assertError(get("/micropub?q=source&after=-1", CREATE), 400, "invalid_request");
	}

	@Test
	void configAndSyndicationQueriesAnswerJson() throws Exception {
		HttpResponse<String> config = get("/micropub?q=config", CREATE);
		assertThat(config.statusCode()).isEqualTo(200);
		JsonNode body = json.readTree(config.body());
		assertThat(body.path("syndicate-to").isArray()).isTrue();
		assertThat(body.path("syndicate-to")).isEmpty();
		assertThat(body.path("q").valueStream().map(JsonNode::asString).toList()).contains("config", "syndicate-to");
		assertThat(json.readTree(get("/micropub?q=syndicate-to", CREATE).body()).path("syndicate-to").isArray())
			.isTrue();
		assertError(get("/micropub?q=nonsense", CREATE), 400, "invalid_request");
		assertError(get("/micropub?q=config", null), 401, "unauthorized");
	}

	private static Note note(String location) {
		String slug = URI.create(location).getPath().substring("/notes/".length());
		return server.context().getBean(Notes.class).findBySlug(slug).orElseThrow();
	}

	private static int count() throws Exception {
		return Integer
			.parseInt(Sqlite.rows(dataPath.resolve("starpunk.db"), "SELECT count(*) AS n FROM notes").get(0).get("n"));
	}

	private static HttpResponse<String> form(String token, String... pairs) {
		return new MicropubClient(server).form(token, pairs);
	}

	private static HttpResponse<String> jsonPost(String token, String body) {
		return new MicropubClient(server).json(token, body);
	}

	private static HttpResponse<String> get(String path, String token) {
		return new MicropubClient(server).get(path, token);
	}

	private static HttpResponse<String> send(HttpRequest.Builder request) {
		return new MicropubClient(server).send(request);
	}

	private static String encode(Map<String, String> fields) {
		return fields.entrySet()
			.stream()
			.map((field) -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
	}

}
