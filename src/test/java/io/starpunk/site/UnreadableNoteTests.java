package io.starpunk.site;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.starpunk.notes.Note;
import io.starpunk.notes.NoteService;
import io.starpunk.support.RunningServer;

import static io.starpunk.site.PageChecks.SITE_URL;
import static io.starpunk.site.PageChecks.assertSitePage;
import static io.starpunk.site.PageChecks.only;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A note whose file cannot be read at all (here a folder where the file should be; the
 * tests run as root, who can read any file) costs that note only: it is shown as damaged,
 * as a missing file is, counted by {@code /health}, and every other page and feed answers
 * as before.
 */
class UnreadableNoteTests {

	@TempDir
	static Path dataPath;

	private static RunningServer server;

	private static Note damaged;

	@BeforeAll
	static void startWithOneUnreadableNote() throws Exception {
		server = RunningServer.start(dataPath, List.of(), PageChecks.PROPERTIES);
		NoteService notes = server.context().getBean(NoteService.class);
		notes.create("The first fine note", "first-fine", true);
		damaged = notes.create("Soon unreadable", "unreadable", true);
		Path file = dataPath.resolve(damaged.filePath());
		Files.delete(file);
		Files.createDirectory(file);
		// a later change, so that the feeds are rendered again with the damaged note
		notes.create("The second fine note", "second-fine", true);
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@Test
	void theHomePageShowsTheOtherNotesAndTheDamagedOneAsDamaged() {
		HttpResponse<String> response = ok("/");
		Document home = assertSitePage(response);
		assertThat(home.select(".h-feed .h-entry")).hasSize(3);
		assertThat(response.body()).contains(SITE_URL + "notes/second-fine", SITE_URL + "notes/unreadable",
				SITE_URL + "notes/first-fine");
		assertThat(home.select(".h-entry .notice")).hasSize(1);
		assertThat(home.select(".h-entry .e-content").text()).contains("The first fine note", "The second fine note");
	}

	@Test
	void permalinksAnswerTheDamagedOneWithItsNotice() {
		Document fine = assertSitePage(ok("/notes/first-fine"));
		assertThat(only(fine, ".h-entry .e-content").text()).isEqualTo("The first fine note");
		assertThat(fine.select(".notice")).isEmpty();
		HttpResponse<String> unreadable = ok("/notes/unreadable");
		Document page = assertSitePage(unreadable);
		assertThat(only(page, ".h-entry .notice").text()).contains("This note's file changed outside StarPunk");
		assertThat(unreadable.body()).doesNotContain("Is a directory", damaged.filePath());
	}

	@Test
	void everyFeedListsEveryNote() {
		for (String feed : List.of("/feed.xml", "/feed.atom")) {
			String body = ok(feed).body();
			assertThat(body).as(feed)
				.contains(SITE_URL + "notes/first-fine", SITE_URL + "notes/unreadable", SITE_URL + "notes/second-fine",
						"The first fine note", "The second fine note");
		}
		JsonNode json = JsonMapper.builder().build().readTree(ok("/feed.json").body());
		assertThat(json.path("items").valueStream().map((item) -> item.path("url").asString())).containsExactly(
				SITE_URL + "notes/second-fine", SITE_URL + "notes/unreadable", SITE_URL + "notes/first-fine");
	}

	@Test
	void healthCountsTheDamagedNote() {
		ok("/notes/unreadable");
		JsonNode health = JsonMapper.builder().build().readTree(ok("/health").body());
		assertThat(health.path("status").asString()).isEqualTo("ok");
		assertThat(health.path("noteFilesMismatched").asInt()).isEqualTo(1);
	}

	private static HttpResponse<String> ok(String path) {
		HttpResponse<String> response = server.get(path);
		assertThat(response.statusCode()).as(path).isEqualTo(200);
		return response;
	}

}
