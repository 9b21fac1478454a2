package io.starpunk.search;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.starpunk.notes.Note;
import io.starpunk.notes.NoteService;
import io.starpunk.notes.Notes;
import io.starpunk.support.Browser;
import io.starpunk.support.BrowserScreenshots;
import io.starpunk.support.RunningServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The search box in a real browser: a reader types a word on the home page, submits, and
 * follows a result to the note.
 */
class SearchBrowserTests {

	@TempDir
	static Path dataPath;

	private static RunningServer server;

	private static Browser browser;

	private static Note found;

	@RegisterExtension
	static final BrowserScreenshots screenshots = new BrowserScreenshots(() -> browser);

	@BeforeAll
	static void start() {
		server = RunningServer.startAtItsOwnUrl(dataPath);
		NoteService noteService = server.context().getBean(NoteService.class);
		Notes notes = server.context().getBean(Notes.class);
		found = noteService.create("Watching the **starlings** murmurate over the café.", null, true);
		noteService.create("A note about something else.", null, true);
		noteService.create("A draft about starlings nobody sees.", null, false);
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
	void findsANoteFromTheHomePagesSearchBox() {
		browser.open(server.uri("/"));
		assertThat(browser.find("header form[role=search] input[type=search][name=q]").getAttribute("id"))
			.isEqualTo("site-search-q");
		assertThat(browser.find("label[for=site-search-q]").getText()).isEqualTo("Search notes");
		browser.type("#site-search-q", "starling cafe");
		browser.click("header form[role=search] button[type=submit]");
		assertThat(browser.currentPathAndQuery()).isEqualTo("/search?q=starling+cafe");
		assertThat(browser.status()).isEqualTo(200);
		List<WebElement> entries = browser.findAll(".h-feed .h-entry");
		assertThat(entries).hasSize(1);
		WebElement link = entries.get(0).findElement(By.cssSelector("a.u-url"));
		assertThat(link.getText()).isEqualTo("Watching the starlings murmurate over the café.");
		assertThat(entries.get(0).findElements(By.cssSelector(".p-summary mark"))).extracting(WebElement::getText)
			.containsExactly("starlings", "café");
		assertThat(browser.find("#search-page-q").getAttribute("value")).isEqualTo("starling cafe");
		assertThat(browser.text()).doesNotContain("nobody sees");
		browser.screenshot("search-results");
		assertThat(browser.consoleProblems()).isEmpty();

		browser.click(".h-entry a.u-url");
		browser.waitForPath("/notes/" + found.slug());
		assertThat(browser.find(".h-entry .e-content strong").getText()).isEqualTo("starlings");
	}

	@Test
	void searchesAgainWithTheEnterKeyAndSaysWhenNothingMatches() {
		browser.open(server.uri("/search?q=starlings"));
		WebElement field = browser.waitFor("#search-page-q");
		field.clear();
		field.sendKeys("albatross");
		field.sendKeys(Keys.ENTER);
		new WebDriverWait(browser.driver(), Duration.ofSeconds(10))
			.until((driver) -> "/search?q=albatross".equals(browser.currentPathAndQuery()));
		assertThat(browser.find(".search-count").getText()).isEqualTo("No notes match.");
		assertThat(browser.findAll(".h-entry")).isEmpty();
		browser.asPhone(() -> {
			assertThat(browser.scrollsSideways()).isFalse();
			browser.screenshot("search-phone");
		});
		assertThat(browser.consoleProblems()).isEmpty();
	}

}
