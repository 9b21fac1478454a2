package io.starpunk.site;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.starpunk.notes.NewNote;
import io.starpunk.notes.Note;
import io.starpunk.notes.NoteProperties;
import io.starpunk.notes.NoteService;
import io.starpunk.support.Axe;
import io.starpunk.support.Browser;
import io.starpunk.support.BrowserScreenshots;
import io.starpunk.support.RunningServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The public pages as axe-core, the accessibility engine, finds them in a real browser:
 * one h1 a page, headings in order, one main landmark, and nothing else it reports.
 */
class AccessibilityBrowserTests {

	@TempDir
	static Path dataPath;

	private static RunningServer server;

	private static Browser browser;

	private static Note named;

	private static Note unnamed;

	@RegisterExtension
	static final BrowserScreenshots screenshots = new BrowserScreenshots(() -> browser);

	@BeforeAll
	static void start() {
		server = RunningServer.startAtItsOwnUrl(dataPath, "SITE_AUTHOR=Ada Owner",
				"SITE_DESCRIPTION=Short notes and longer thoughts", "SITE_AUTHOR_PHOTO=${SITE_URL}favicon.ico",
				"SITE_REL_ME=https://github.com/owner");
		NoteService notes = server.context().getBean(NoteService.class);
		Map<String, List<Object>> article = new LinkedHashMap<>();
		article.put("name", List.of("An article with a name"));
		article.put("category", List.of("Readers"));
		named = notes.create(new NewNote("The body of the article, in **one** paragraph.", null, true, null,
				new NoteProperties(article, false)));
		unnamed = notes.create(new NewNote("A note without a name, seen by **axe**.", null, true, null,
				new NoteProperties(Map.of("category", List.of("Readers")), false)));
		notes.create("- first item\n- second item", null, true);
		browser = Browser.start();
	}

	@AfterAll
	static void stop() {
		if (browser != null) {
			browser.close();
		}
		if (server != null) {
			server.close();
		}
	}

	@Test
	void theHomePageBreaksNoRule() {
		assertNoViolations("/", "home-readers");
	}

	@Test
	void aPermalinkOfANoteWithoutANameBreaksNoRule() {
		assertNoViolations("/notes/" + unnamed.slug(), "note-unnamed");
		assertThat(browser.find("h1").getSize()).as("its h1 is for screen readers only, a pixel wide")
			.satisfies((size) -> assertThat(size.getWidth() * size.getHeight()).isLessThanOrEqualTo(1));
		assertThat(browser.find("h1").getDomProperty("textContent")).isEqualTo("A note without a name, seen by axe.");
	}

	@Test
	void aPermalinkOfANamedNoteBreaksNoRule() {
		assertNoViolations("/notes/" + named.slug(), "note-named");
		assertThat(browser.find("h1.p-name").getText()).isEqualTo("An article with a name");
	}

	@Test
	void aTagsPageBreaksNoRule() {
		assertNoViolations("/tags/readers", "tag-readers");
	}

	private static void assertNoViolations(String path, String screenshot) {
		browser.open(server.uri(path));
		browser.screenshot(screenshot);
		List<Axe.Violation> violations = Axe.violations(browser);
		assertThat(violations).as("axe on %s", path)
			.noneMatch((violation) -> List.of("page-has-heading-one", "heading-order", "landmark-one-main")
				.contains(violation.id()));
		assertThat(violations).as("axe on %s", path).isEmpty();
	}

}
