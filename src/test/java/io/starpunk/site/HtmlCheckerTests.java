package io.starpunk.site;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.starpunk.notes.NewNote;
import io.starpunk.notes.Note;
import io.starpunk.notes.NoteProperties;
import io.starpunk.notes.NoteService;
import io.starpunk.support.HtmlChecker;
import io.starpunk.support.RunningServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The public pages as the Nu Html Checker reads them: valid HTML, and every article and
 * section with a heading.
 */
class HtmlCheckerTests {

	@TempDir
	static Path dataPath;

	private static RunningServer server;

	private static Note named;

	private static Note unnamed;

	@BeforeAll
	static void start() {
		List<String> properties = new ArrayList<>(List.of(PageChecks.PROPERTIES));
		properties.add("SITE_DESCRIPTION=Short notes");
		server = RunningServer.start(dataPath, List.of(), properties.toArray(String[]::new));
		NoteService notes = server.context().getBean(NoteService.class);
		Map<String, List<Object>> article = new LinkedHashMap<>();
		article.put("name", List.of("An Article"));
		article.put("category", List.of("Readers"));
		named = notes
			.create(new NewNote("The body of the article.", null, true, null, new NoteProperties(article, false)));
		unnamed = notes.create(new NewNote("Just a **note** without a name.", null, true, null,
				new NoteProperties(Map.of("category", List.of("Readers")), false)));
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@Test
	void theHomePageIsValidAndEveryArticleHasAHeading() {
		assertValid("/");
	}

	@Test
	void permalinksAreValid() {
		assertValid("/notes/" + named.slug());
		assertValid("/notes/" + unnamed.slug());
	}

	@Test
	void aTagsPageIsValid() {
		assertValid("/tags/readers");
	}

	@Test
	void theSearchPageIsValid() {
		assertValid("/search?q=note");
	}

	@Test
	void theCheckerReportsWhatTheseTestsLookFor() {
		List<HtmlChecker.Message> messages = HtmlChecker
			.check("<!doctype html><html lang=\"en\"><title>T</title><main><article><p>Text</article>"
					+ "<section><p>More</section><img src=\"x.png\"></main></html>");
		assertThat(messages).extracting(HtmlChecker.Message::text)
			.anySatisfy((text) -> assertThat(text).contains("Article lacks heading"))
			.anySatisfy((text) -> assertThat(text).contains("Section lacks heading"));
		assertThat(messages).anyMatch((message) -> message.kind() == HtmlChecker.Message.Kind.ERROR);
	}

	private static void assertValid(String path) {
		var response = server.get(path);
		assertThat(response.statusCode()).as(path).isEqualTo(200);
		List<HtmlChecker.Message> messages = HtmlChecker.check(response.body());
		assertThat(messages).as("the Nu Html Checker on %s", path)
			.noneMatch((message) -> message.text().contains("lacks heading"));
		assertThat(messages).as("the Nu Html Checker on %s", path)
			.noneMatch((message) -> message.kind() == HtmlChecker.Message.Kind.ERROR);
	}

}
