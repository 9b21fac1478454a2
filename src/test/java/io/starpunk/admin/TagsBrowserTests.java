package io.starpunk.admin;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import io.starpunk.support.Browser;
import io.starpunk.support.BrowserScreenshots;
import io.starpunk.support.OwnerClient;
import io.starpunk.support.RunningServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The editor's Tags field in a real browser: a note written with two tags, its tag
 * followed from the note to the tag's page, and a tag taken off again.
 */
class TagsBrowserTests {

	@TempDir
	static Path dataPath;

	private static RunningServer server;

	private static Browser browser;

	@RegisterExtension
	static final BrowserScreenshots screenshots = new BrowserScreenshots(() -> browser);

	@BeforeAll
	static void start() {
		server = RunningServer.startAtItsOwnUrl(dataPath, "ADMIN_PASSWORD=" + OwnerClient.PASSWORD);
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
	void writesANoteWithTagsFollowsOneAndTakesOneOff() {
		browser.open(server.uri("/admin/new"));
		browser.waitForPath("/auth/login");
		browser.type("#login-form input#password", OwnerClient.PASSWORD);
		browser.click("#login-form button[type=submit]");
		assertThat(browser.currentPath()).isEqualTo("/admin/new");

		assertThat(browser.find("label[for=tags]").getText()).contains("Tags");
		browser.type("#note-form textarea#content", "A note about the **IndieWeb** and coffee.");
		browser.type("#note-form input#tags", "IndieWeb, Coffee");
		browser.screenshot("editor-tags");
		browser.click("#note-form button[name=action][value=save]");
		assertThat(browser.find("p.flash[role=status]").getText()).isEqualTo("Note published.");
		WebElement row = browser.findAll("ol.admin-notes > li.admin-note")
			.stream()
			.filter((each) -> each.findElement(By.cssSelector(".headline")).getText().startsWith("A note about the"))
			.findFirst()
			.orElseThrow();
		String id = row.getDomAttribute("data-note-id");
		String publicPath = URI.create(row.findElement(By.cssSelector("a.view")).getDomProperty("href")).getRawPath();

		browser.open(server.uri(publicPath));
		assertThat(browser.findAll(".h-entry a.p-category[rel=tag]")).extracting(WebElement::getText)
			.containsExactly("IndieWeb", "Coffee");
		browser.click(".h-entry a.p-category[rel=tag][href$='/tags/indieweb']");
		assertThat(browser.currentPath()).isEqualTo("/tags/indieweb");
		assertThat(browser.find(".h-feed > .p-name").getText()).isEqualTo("Notes tagged IndieWeb");
		assertThat(browser.findAll(".h-feed .h-entry .entry-meta > .u-url"))
			.extracting((link) -> URI.create(link.getDomProperty("href")).getRawPath())
			.containsExactly(publicPath);
		browser.screenshot("tag-page");

		browser.open(server.uri("/admin/edit/" + id));
		assertThat(browser.find("input#tags").getDomProperty("value")).isEqualTo("IndieWeb, Coffee");
		browser.type("#note-form input#tags", "Coffee");
		browser.click("#note-form button[name=action][value=save]");
		assertThat(browser.find("p.flash[role=status]").getText()).isEqualTo("Note updated.");

		browser.open(server.uri(publicPath));
		assertThat(browser.findAll(".h-entry a.p-category[rel=tag]")).extracting(WebElement::getText)
			.containsExactly("Coffee");
		assertThat(server.get("/tags/indieweb").statusCode()).isEqualTo(404);
		browser.open(server.uri("/tags"));
		assertThat(browser.findAll("ul.tag-list a.tag")).extracting(WebElement::getText).isEqualTo(List.of("Coffee"));
		assertThat(browser.consoleProblems()).isEmpty();
	}

}
