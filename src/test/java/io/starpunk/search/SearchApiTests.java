package io.starpunk.search;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.starpunk.notes.Note;
import io.starpunk.notes.NoteService;
import io.starpunk.notes.Notes;
import io.starpunk.support.JsonErrors;
import io.starpunk.support.RunningServer;

import static io.starpunk.search.SearchChecks.encode;
import static io.starpunk.search.SearchChecks.permalink;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/search}: StarPunk 1.1's JSON, its limit and offset, and its refusals.
 */
class SearchApiTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	@TempDir
	static Path temp;

	private static RunningServer server;

	private static final List<Note> many = new ArrayList<>();

	private static Note special;

	@BeforeAll
	static void start() {
		server = RunningServer.start(temp, List.of(), SearchChecks.PROPERTIES);
		NoteService noteService = server.context().getBean(NoteService.class);
		Notes notes = server.context().getBean(Notes.class);
		for (int i = 1; i <= 120; i++) {
			many.add(0, noteService.create("Bulk note " + i + " about lighthouses", null, true));
		}
		noteService.create("A draft about lighthouses", null, false);
		special = noteService.create("# Lamps & `<lenses>`\n\nThe keeper's <b>Fresnel</b> lens.", null, true);
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	private static JsonNode ok(String path) {
		HttpResponse<String> response = server.get(path);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
		return json.readTree(response.body());
	}

	private static List<String> urls(JsonNode answer) {
		List<String> urls = new ArrayList<>();
		answer.path("results").forEach((result) -> urls.add(result.path("url").asString()));
		return urls;
	}

	@Test
	void answersStarPunksShapeWithTwentyResultsByDefault() {
		JsonNode answer = ok("/api/search?q=lighthouse");
		assertThat(answer.path("query").asString()).isEqualTo("lighthouse");
		assertThat(answer.path("limit").asInt()).isEqualTo(20);
		assertThat(answer.path("offset").asInt()).isZero();
		assertThat(answer.path("count").asInt()).isEqualTo(20);
		assertThat(answer.path("total").asInt()).as("the draft is not counted").isEqualTo(120);
		assertThat(urls(answer))
			.containsExactlyElementsOf(many.subList(0, 20).stream().map(SearchChecks::permalink).toList());
		JsonNode first = answer.path("results").get(0);
		assertThat(first.propertyNames()).containsExactlyInAnyOrder("slug", "title", "excerpt", "published_at", "url");
		assertThat(first.path("slug").asString()).isEqualTo(many.get(0).slug());
		assertThat(first.path("title").asString()).isEqualTo("Bulk note 120 about lighthouses");
		assertThat(first.path("excerpt").asString()).isEqualTo("Bulk note 120 about <mark>lighthouses</mark>");
		assertThat(first.path("published_at").asString()).matches("\\d{4}-\\d\\d-\\d\\dT[\\d:]+Z");
	}

	@Test
	void takesAtMostAHundred() {
		assertThat(ok("/api/search?q=lighthouse&limit=100").path("count").asInt()).isEqualTo(100);
		for (String limit : List.of("101", "1000", "99999999999999999999")) {
			JsonNode answer = ok("/api/search?q=lighthouse&limit=" + limit);
			assertThat(answer.path("limit").asInt()).isEqualTo(100);
			assertThat(answer.path("count").asInt()).isEqualTo(100);
		}
	}

	@Test
	void pagesWithOffset() {
		JsonNode answer = ok("/api/search?q=lighthouse&limit=7&offset=110");
		assertThat(answer.path("offset").asInt()).isEqualTo(110);
		assertThat(answer.path("count").asInt()).isEqualTo(7);
		assertThat(urls(answer))
			.containsExactlyElementsOf(many.subList(110, 117).stream().map(SearchChecks::permalink).toList());
		JsonNode last = ok("/api/search?q=lighthouse&limit=50&offset=100");
		assertThat(last.path("count").asInt()).isEqualTo(20);
		assertThat(ok("/api/search?q=lighthouse&offset=500").path("results")).isEmpty();
	}

	@Test
	void escapesTheNotesTextInTheExcerpt() {
		JsonNode result = ok("/api/search?q=" + encode("fresnel")).path("results").get(0);
		assertThat(result.path("url").asString()).isEqualTo(permalink(special));
		assertThat(result.path("title").asString()).isEqualTo("Lamps & <lenses>");
		String excerpt = result.path("excerpt").asString();
		assertThat(excerpt).isEqualTo("Lamps &amp; &lt;lenses&gt; The keeper&#39;s <mark>Fresnel</mark> lens.");
		assertThat(excerpt.replace("<mark>", "").replace("</mark>", "")).doesNotContain("<", ">");
	}

	@Test
	void refusesBadParametersWithJsonErrors() {
		for (String limit : List.of("0", "00", "-1", "abc", "1.5", "", "+3")) {
			JsonErrors.assertError(server.get("/api/search?q=lighthouse&limit=" + encode(limit)), 400,
					"invalid_request");
		}
		for (String offset : List.of("-1", "x", "", "9999999999")) {
			JsonErrors.assertError(server.get("/api/search?q=lighthouse&offset=" + encode(offset)), 400,
					"invalid_request");
		}
		for (String query : List.of("/api/search", "/api/search?q=", "/api/search?q=%20%20", "/api/search?q=*")) {
			JsonNode error = JsonErrors.assertError(server.get(query), 400, "invalid_request");
			assertThat(error.path("error_description").asString()).contains("Type a word");
		}
	}

}
