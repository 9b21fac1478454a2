package io.starpunk.micropub;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

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
 * {@code q=category} answers from the tags: each tag once, by its first spelling, drafts'
 * tags included, deleted notes' not, and {@code filter} narrowing them.
 */
class CategoryQueryTests {

	private static final String TOKEN = "category-query-token-0123456789abcdef01234";

	private static final JsonMapper json = JsonMapper.builder().build();

	@TempDir
	static Path dataPath;

	private static RunningServer server;

	private static MicropubClient micropub;

	@BeforeAll
	static void start() throws Exception {
		server = RunningServer.start(dataPath, List.of(), "SITE_URL=http://blog.test/",
				"ADMIN_ME=https://owner.example/");
		TestTokens.insert(dataPath, TOKEN, "https://owner.example/", "create update delete");
		micropub = new MicropubClient(server);
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@Test
	void listsEachTagOnceByItsFirstSpelling() {
		created(micropub.form(TOKEN, "h", "entry", "content", "One", "category[]", "IndieWeb", "category[]", "Café"));
		created(micropub.json(TOKEN,
				"""
						{"type": ["h-entry"], "properties": {"content": ["Two"], "category": ["indieweb", "cafe", "Zebra"]}}"""));
		created(micropub.form(TOKEN, "h", "entry", "content", "Three", "category", "Drafted Tag", "post-status",
				"draft"));
		String deleted = created(micropub.form(TOKEN, "h", "entry", "content", "Four", "category", "Deleted Tag"));
		assertThat(micropub.form(TOKEN, "action", "delete", "url", deleted).statusCode()).isBetween(200, 204);

		assertThat(categories("/micropub?q=category")).containsExactly("Café", "Drafted Tag", "IndieWeb", "Zebra");
		assertThat(categories("/micropub?q=category&filter=INDIE")).containsExactly("IndieWeb");
	}

	private List<String> categories(String path) {
		HttpResponse<String> response = micropub.get(path, TOKEN);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode answer = json.readTree(response.body());
		return answer.path("categories").valueStream().map(JsonNode::asString).toList();
	}

	private static String created(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return response.headers().firstValue("Location").orElseThrow();
	}

}
