package io.starpunk.admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.starpunk.support.Browser;
import io.starpunk.support.BrowserScreenshots;
import io.starpunk.support.RunningServer;
import io.starpunk.support.Sqlite;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The owner's secrets after a real browser signed in, wrote a note and signed out: the
 * password and the session cookie are in no file of the data directory and in no log
 * line, while the cookie's SHA-256 is what the database kept, which shows the scan finds
 * what it looks for.
 */
@ExtendWith(OutputCaptureExtension.class)
class OwnerSecretsBrowserTests {

	private static final String PASSWORD = "Zebra-quartz 7 lanterns, only in this test";

	@TempDir
	Path dataPath;

	private Browser browser;

	@RegisterExtension
	final BrowserScreenshots screenshots = new BrowserScreenshots(() -> this.browser);

	@Test
	void keepsThePasswordAndTheSessionCookieOutOfTheDataAndTheLog(CapturedOutput output) throws Exception {
		String cookie;
		try (RunningServer server = RunningServer.startAtItsOwnUrl(this.dataPath, "ADMIN_PASSWORD=" + PASSWORD);
				Browser browser = Browser.start()) {
			this.browser = browser;
			browser.open(server.uri("/admin"));
			browser.waitForPath("/auth/login");
			browser.type("#login-form input#password", PASSWORD);
			browser.click("#login-form button[type=submit]");
			assertThat(browser.currentPath()).isEqualTo("/admin");
			cookie = browser.cookie("starpunk_session");
			assertThat(cookie).hasSizeGreaterThanOrEqualTo(40);

			String hash = sha256Hex(cookie);
			assertThat(Sqlite.rows(this.dataPath.resolve("starpunk.db"), "SELECT session_token_hash FROM sessions"))
				.extracting((row) -> row.get("session_token_hash"))
				.containsExactly(hash);
			assertThat(dataFiles()).as("the scan finds the session's hash in the database files")
				.anySatisfy((file) -> assertThat(file.text()).contains(hash));

			browser.click("a.new-note");
			browser.type("#note-form textarea#content", "A note written while the scan watches.");
			browser.click("#note-form button[name=action][value=save]");
			assertThat(browser.find("p.flash[role=status]").getText()).isEqualTo("Note published.");

			browser.click("nav.owner-nav form[action='/auth/logout'] button");
			assertThat(browser.currentPathAndQuery()).isEqualTo("/auth/login?signed-out");
			assertThat(browser.cookie("starpunk_session")).isNull();
			assertNoSecretIn(dataFiles(), output, cookie);
		}
		finally {
			this.browser = null;
		}
		assertNoSecretIn(dataFiles(), output, cookie);
	}

	private static void assertNoSecretIn(List<DataFile> files, CapturedOutput output, String cookie) {
		assertThat(files).isNotEmpty();
		assertThat(files).extracting(DataFile::path).contains("starpunk.db");
		for (DataFile file : files) {
			assertThat(file.text()).as(file.path()).doesNotContain(PASSWORD, cookie);
		}
		assertThat(output.getAll()).contains("Tomcat started").doesNotContain(PASSWORD, cookie);
	}

	/** Every file of the data directory (the database, its WAL, the notes), as text. */
	private List<DataFile> dataFiles() {
		try (Stream<Path> paths = Files.walk(this.dataPath)) {
			return paths.filter(Files::isRegularFile).map(this::read).toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private DataFile read(Path file) {
		try {
			return new DataFile(this.dataPath.relativize(file).toString(),
					new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String sha256Hex(String text) throws NoSuchAlgorithmException {
		return HexFormat.of()
			.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
	}

	private record DataFile(String path, String text) {
	}

}
