package io.starpunk.site;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebElement;

import io.starpunk.notes.Note;
import io.starpunk.notes.NoteService;
import io.starpunk.notes.Notes;
import io.starpunk.support.Browser;
import io.starpunk.support.BrowserScreenshots;
import io.starpunk.support.RunningServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The home page and a permalink in a real browser: what a reader sees, and where a click
 * on a note's date leads.
 */
class HomePageBrowserTests {

	@TempDir
	static Path dataPath;

	private static RunningServer server;

	private static Browser browser;

	private static Note first;

	@RegisterExtension
	static final BrowserScreenshots screenshots = new BrowserScreenshots(() -> browser);

	@BeforeAll
	static void start() {
		server = RunningServer.startAtItsOwnUrl(dataPath, "SITE_AUTHOR=Ada Owner");
		NoteService noteService = server.context().getBean(NoteService.class);
		Notes notes = server.context().getBean(Notes.class);
		first = noteService.create("The **first** note, seen in a browser.", null, true);
		noteService.create("A second note with a [link](https://example.org/).", null, true);
		noteService.create("A draft nobody sees yet.", null, false);
		noteService.create("The third and newest note.", null, true);
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
	void showsThePublicNotesAndFollowsAPermalink() {
		browser.open(server.uri("/"));
		List<WebElement> entries = browser.findAll(".h-feed .h-entry");
		assertThat(entries).hasSize(3);
		assertThat(entries).extracting(WebElement::getText)
			.satisfiesExactly((newest) -> assertThat(newest).contains("The third and newest note."),
					(second) -> assertThat(second).contains("A second note with a link."),
					(oldest) -> assertThat(oldest).contains("The first note, seen in a browser."));
		assertThat(browser.text()).doesNotContain("A draft nobody sees yet.");
		assertThat(entries.get(2).findElement(org.openqa.selenium.By.cssSelector(".e-content strong")).getText())
			.isEqualTo("first");
		assertThat(browser.viewportWidth()).isGreaterThan(1000);
		browser.screenshot("home");
		assertNoConsoleErrors();

		browser.click(".h-entry:last-of-type a.u-url");
		browser.waitForPath("/notes/" + first.slug());
		assertThat(browser.findAll(".h-entry")).hasSize(1);
		assertThat(browser.find(".h-entry .e-content").getText()).isEqualTo("The first note, seen in a browser.");
		assertThat(browser.find(".h-entry .e-content strong").getText()).isEqualTo("first");
		assertThat(browser.driver().getTitle()).isNotBlank();
		browser.screenshot("note");
		assertNoConsoleErrors();
	}

	@Test
	void fitsAPhoneScreen() {
		browser.open(server.uri("/"));
		browser.asPhone(() -> {
			assertThat(browser.viewportWidth()).isEqualTo(390);
			assertThat(browser.scrollsSideways()).isFalse();
			assertThat(browser.screenshot("home-phone")).isNotEmptyFile();
		});
		assertThat(browser.viewportWidth()).isGreaterThan(1000);
		assertNoConsoleErrors();
	}

	private static void assertNoConsoleErrors() {
		assertThat(browser.consoleProblems()).isEmpty();
	}

}
