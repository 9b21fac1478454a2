package io.starpunk.admin;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import io.starpunk.notes.Notes;
import io.starpunk.support.Browser;
import io.starpunk.support.BrowserScreenshots;
import io.starpunk.support.OwnerClient;
import io.starpunk.support.RunningServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The owner's way through their pages in a real browser: signing in and out, and a note
 * written, previewed, published, edited, deleted and restored.
 */
class OwnerBrowserTests {

	private static final String SESSION_COOKIE = "starpunk_session";

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

	@BeforeEach
	void startSignedOut() {
		browser.open(server.uri("/auth/login"));
		browser.driver().manage().deleteAllCookies();
		// a refused form (401, 422) is a console error by design; start each test with
		// none
		browser.console();
	}

	@Test
	void sendsTheAdminPagesToSignInAndRefusesAWrongPassword() {
		browser.open(server.uri("/admin"));
		browser.waitForPath("/auth/login");
		assertThat(browser.find("h1").getText()).isEqualTo("Sign in");
		assertThat(browser.find("input#password").getAttribute("type")).isEqualTo("password");
		assertThat(browser.findAll("nav.owner-nav")).isEmpty();
		assertThat(browser.find("#login-form button[type=submit]").getText()).isEqualTo("Sign in");
		browser.screenshot("login");
		assertNoConsoleErrors();

		browser.type("#login-form input#password", "not the password");
		browser.click("#login-form button[type=submit]");
		assertThat(browser.currentPath()).isEqualTo("/auth/login");
		assertThat(browser.status()).isEqualTo(401);
		assertThat(browser.find(".form-error").getAttribute("role")).isEqualTo("alert");
		assertThat(browser.find(".form-error").getText()).isNotBlank();
		assertThat(browser.find("input#password").getAttribute("value")).as("the password is not sent back").isEmpty();
		assertThat(browser.cookie(SESSION_COOKIE)).isNull();
		browser.screenshot("login-refused");

		browser.open(server.uri("/admin"));
		browser.waitForPath("/auth/login");
		assertThat(browser.findAll(".form-error")).isEmpty();
	}

	@Test
	void signsInAndOutAgain() {
		browser.open(server.uri("/admin"));
		browser.waitForPath("/auth/login");
		signIn();
		assertThat(browser.currentPath()).isEqualTo("/admin");
		assertThat(browser.cookie(SESSION_COOKIE)).isNotBlank();

		browser.open(server.uri("/auth/login"));
		assertThat(browser.text()).contains("You are signed in");
		assertThat(browser.find("nav.owner-nav button[type=submit]").getText()).isEqualTo("Sign out");
		browser.click("nav.owner-nav form[action='/auth/logout'] button");
		assertThat(browser.currentPathAndQuery()).isEqualTo("/auth/login?signed-out");
		assertThat(browser.find("p.flash[role=status]").getText()).isEqualTo("You are signed out.");
		assertThat(browser.cookie(SESSION_COOKIE)).isNull();
		assertThat(browser.findAll("nav.owner-nav")).isEmpty();

		browser.open(server.uri("/admin"));
		browser.waitForPath("/auth/login");
		assertThat(browser.findAll("#login-form")).hasSize(1);
	}

	@Test
	void writesPreviewsEditsDeletesAndRestoresANote() {
		browser.open(server.uri("/admin"));
		browser.waitForPath("/auth/login");
		signIn();
		assertThat(browser.currentPath()).isEqualTo("/admin");
		assertThat(browser.find("main h1").getText()).isEqualTo("Notes");
		assertThat(browser.findAll(".note-counts")).hasSize(1);
		assertThat(browser.findAll("a[href]")).extracting((link) -> link.getDomAttribute("href"))
			.contains("/admin", "/admin?status=published", "/admin?status=draft", "/admin?status=deleted");

		// write, preview, save
		browser.click("a.new-note");
		assertThat(browser.currentPath()).isEqualTo("/admin/new");
		assertThat(browser.find("#note-form input#published").isSelected()).as("published by default").isTrue();
		assertThat(browser.findAll("#note-form input#slug")).hasSize(1);
		browser.type("#note-form textarea#content", "Written in a **real browser**, then previewed.");
		browser.screenshot("editor");
		browser.click("#note-form button[name=action][value=preview]");
		assertThat(browser.find("section#preview strong").getText()).isEqualTo("real browser");
		assertThat(browser.find("textarea#content").getDomProperty("value"))
			.isEqualTo("Written in a **real browser**, then previewed.");
		assertThat(browser.find("input#published").isSelected()).isTrue();
		browser.screenshot("preview");
		browser.click("#note-form button[name=action][value=save]");
		assertThat(browser.find("p.flash[role=status]").getText()).isEqualTo("Note published.");
		WebElement row = rowFor("Written in a real browser");
		String id = row.getDomAttribute("data-note-id");
		assertThat(row.findElement(By.cssSelector(".status")).getText()).isEqualTo("Published");
		String publicPath = URI.create(row.findElement(By.cssSelector("a.view")).getDomProperty("href")).getRawPath();
		assertThat(publicPath).startsWith("/notes/");
		browser.screenshot("dashboard");
		browser.asPhone(() -> {
			assertThat(browser.scrollsSideways()).as("the dashboard fits a phone").isFalse();
			browser.screenshot("dashboard-phone");
		});
		assertNoConsoleErrors();

		// on the site and in the feed
		browser.open(server.uri("/"));
		assertThat(browser.find(".h-feed .h-entry .e-content strong").getText()).isEqualTo("real browser");
		browser.open(server.uri(publicPath));
		assertThat(browser.find(".h-entry .e-content").getText())
			.isEqualTo("Written in a real browser, then previewed.");
		HttpResponse<String> feed = server.get("/feed.xml");
		assertThat(feed.statusCode()).isEqualTo(200);
		assertThat(feed.body()).contains(server.uri(publicPath).toString(), "real browser");

		// edit
		browser.open(server.uri("/admin"));
		browser.click("li.admin-note[data-note-id='" + id + "'] a.edit");
		assertThat(browser.currentPath()).isEqualTo("/admin/edit/" + id);
		assertThat(browser.findAll("#note-form input#slug")).isEmpty();
		assertThat(browser.find("textarea#content").getDomProperty("value"))
			.isEqualTo("Written in a **real browser**, then previewed.");
		browser.type("#note-form textarea#content", "Edited in a **real browser**, twice over.");
		browser.click("#note-form button[name=action][value=save]");
		assertThat(browser.find("p.flash[role=status]").getText()).isEqualTo("Note updated.");
		browser.open(server.uri(publicPath));
		assertThat(browser.find(".h-entry .e-content").getText()).isEqualTo("Edited in a real browser, twice over.");

		// delete, after a confirmation page
		browser.open(server.uri("/admin"));
		browser.click("li.admin-note[data-note-id='" + id + "'] a.delete");
		assertThat(browser.currentPath()).isEqualTo("/admin/delete/" + id);
		assertThat(browser.find("#delete-form button").getText()).isEqualTo("Delete");
		browser.screenshot("delete-confirm");
		browser.click("#delete-form button");
		assertThat(browser.find("p.flash[role=status]").getText())
			.isEqualTo("Note deleted. You can restore it from Deleted.");
		assertThat(server.get(publicPath).statusCode()).isIn(404, 410);
		browser.open(server.uri("/"));
		assertThat(browser.text()).doesNotContain("Edited in a real browser");

		// restore
		browser.open(server.uri("/admin?status=deleted"));
		WebElement deleted = browser.find("li.admin-note[data-note-id='" + id + "']");
		assertThat(deleted.findElement(By.cssSelector(".status")).getText()).isEqualTo("Deleted");
		assertThat(deleted.findElement(By.cssSelector("a.purge")).getText()).isEqualTo("Delete forever");
		browser.click("li.admin-note[data-note-id='" + id + "'] button.restore");
		assertThat(browser.find("p.flash[role=status]").getText()).isEqualTo("Note restored.");
		assertThat(server.get(publicPath).statusCode()).isEqualTo(200);
		browser.open(server.uri(publicPath));
		assertThat(browser.find(".h-entry .e-content").getText()).isEqualTo("Edited in a real browser, twice over.");

		// sign out from the dashboard
		browser.open(server.uri("/admin"));
		browser.click("nav.owner-nav form[action='/auth/logout'] button");
		assertThat(browser.currentPathAndQuery()).isEqualTo("/auth/login?signed-out");
		browser.open(server.uri("/admin"));
		browser.waitForPath("/auth/login");
	}

	@Test
	void keepsWhatWasTypedWhenTheNoteIsRefused() {
		browser.open(server.uri("/admin/new"));
		browser.waitForPath("/auth/login");
		signIn();
		assertThat(browser.currentPath()).as("back to the page that was asked for").isEqualTo("/admin/new");
		browser.type("#note-form input#slug", "kept-slug");
		browser.click("#note-form button[name=action][value=save]");
		assertThat(browser.status()).isEqualTo(422);
		assertThat(browser.find("p.field-error#content-error").getText()).isNotBlank();
		assertThat(browser.find("input#slug").getDomProperty("value")).isEqualTo("kept-slug");
	}

	@Test
	void savesADraftAndPurgesItForGood() {
		browser.open(server.uri("/admin/new"));
		browser.waitForPath("/auth/login");
		signIn();
		browser.type("#note-form textarea#content", "A draft that will not last the day.");
		browser.clickInPlace("#note-form input#published");
		assertThat(browser.find("input#published").isSelected()).isFalse();
		browser.click("#note-form button[name=action][value=save]");
		assertThat(browser.find("p.flash[role=status]").getText()).isEqualTo("Draft saved.");
		WebElement row = rowFor("A draft that will not last the day.");
		String id = row.getDomAttribute("data-note-id");
		assertThat(row.findElement(By.cssSelector(".status")).getText()).isEqualTo("Draft");
		browser.open(server.uri("/"));
		assertThat(browser.text()).doesNotContain("A draft that will not last the day.");

		browser.open(server.uri("/admin"));
		browser.click("li.admin-note[data-note-id='" + id + "'] a.delete");
		browser.click("#delete-form button");
		browser.open(server.uri("/admin?status=deleted"));
		browser.click("li.admin-note[data-note-id='" + id + "'] a.purge");
		assertThat(browser.currentPath()).isEqualTo("/admin/purge/" + id);
		assertThat(browser.find("#purge-form button").getText()).isEqualTo("Delete forever");
		browser.clickInPlace("#purge-form input#confirm");
		browser.click("#purge-form button");
		assertThat(browser.find("p.flash[role=status]").getText()).isEqualTo("Note deleted for good.");
		assertThat(browser.findAll("li.admin-note[data-note-id='" + id + "']")).isEmpty();
		assertThat(server.context().getBean(Notes.class).find(Long.parseLong(id))).isEmpty();
		assertNoConsoleErrors();
	}

	/** The dashboard's row of the note whose headline starts with the text. */
	private static WebElement rowFor(String headline) {
		List<WebElement> rows = browser.findAll("ol.admin-notes > li.admin-note")
			.stream()
			.filter((row) -> row.findElement(By.cssSelector(".headline")).getText().startsWith(headline))
			.toList();
		assertThat(rows).as(headline).hasSize(1);
		return rows.get(0);
	}

	private static void signIn() {
		browser.type("#login-form input#password", OwnerClient.PASSWORD);
		browser.click("#login-form button[type=submit]");
		assertThat(browser.findAll(".form-error")).extracting((error) -> error.getText()).isEqualTo(List.of());
	}

	private static void assertNoConsoleErrors() {
		assertThat(browser.consoleProblems()).isEmpty();
	}

}
