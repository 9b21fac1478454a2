package io.starpunk.admin;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.starpunk.support.Browser;
import io.starpunk.support.BrowserScreenshots;
import io.starpunk.support.OwnerClient;
import io.starpunk.support.RunningServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The owner's way through their pages in a real browser: signing in and out.
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

	private static void signIn() {
		browser.type("#login-form input#password", OwnerClient.PASSWORD);
		browser.click("#login-form button[type=submit]");
		assertThat(browser.findAll(".form-error")).extracting((error) -> error.getText()).isEqualTo(List.of());
	}

}
