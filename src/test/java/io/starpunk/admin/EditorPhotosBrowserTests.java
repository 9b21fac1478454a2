package io.starpunk.admin;

import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.StringReader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import javax.imageio.ImageIO;

import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.starpunk.support.Browser;
import io.starpunk.support.BrowserScreenshots;
import io.starpunk.support.OwnerClient;
import io.starpunk.support.RunningServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Photos in the editor in a real browser, with its script: files chosen in the picker are
 * shown at once with alt text fields, moved and removed in place, previewed and
 * published; the public page and the feeds then show them in that order with their alt
 * texts. Saves {@code editor-photos.png} and {@code editor-photos-phone.png}.
 */
class EditorPhotosBrowserTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@TempDir
	static Path dataPath;

	@TempDir
	static Path files;

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
	void choosesPreviewsOrdersRemovesAndPublishesPhotos() throws Exception {
		Path harbour = picture("harbour.png", "png", new Color(0x1d3557), new Color(0x457b9d), "Harbour");
		Path market = picture("market.jpg", "jpg", new Color(0xe76f51), new Color(0xf4a261), "Market");
		Path garden = picture("garden.png", "png", new Color(0x2a9d8f), new Color(0xe9c46a), "Garden");
		signIn("/admin/new");

		browser.type("#note-form textarea#content", "A walk through the **old town**.");
		browser.find("input#photo[type=file]").sendKeys(harbour + "\n" + market + "\n" + garden);
		waitForItems(3);
		new WebDriverWait(browser.driver(), WAIT)
			.until((driver) -> thumbnails().stream().allMatch((src) -> src.startsWith("data:image/")));
		altField(0).sendKeys("Boats in the harbour at dusk");
		altField(1).sendKeys("A market stall with oranges");
		altField(2).sendKeys("A walled garden");
		assertThat(browser.find("input#photo").getDomProperty("value")).as("the picker is emptied").isEmpty();

		// the market photo goes, the garden moves up above the harbour
		item(1).findElement(By.xpath(".//button[normalize-space()='Remove']")).click();
		waitForItems(2);
		item(1).findElement(By.xpath(".//button[normalize-space()='Move up']")).click();
		assertThat(altValues()).containsExactly("A walled garden", "Boats in the harbour at dusk");

		browser.clickInPlace("#note-form button[name=action][value=preview]");
		browser.waitFor("section#preview img.u-photo");
		List<WebElement> previewed = browser.findAll("section#preview img.u-photo");
		assertThat(previewed).extracting((img) -> img.getDomAttribute("alt"))
			.containsExactly("A walled garden", "Boats in the harbour at dusk");
		assertThat(previewed).extracting((img) -> img.getDomProperty("src"))
			.allSatisfy((src) -> assertThat(src).startsWith(server.uri("/media/").toString()));
		assertThat(browser.find("section#preview strong").getText()).isEqualTo("old town");
		List<String> keys = browser.findAll("#photo-list input[name=photo-key]")
			.stream()
			.map((key) -> key.getDomProperty("value"))
			.toList();
		assertThat(keys).as("uploaded once, kept by address")
			.hasSize(2)
			.allSatisfy((key) -> assertThat(key).startsWith("url:" + server.uri("/media/")));
		assertThat(altValues()).containsExactly("A walled garden", "Boats in the harbour at dusk");
		assertThat(browser.find("textarea#content").getDomProperty("value"))
			.isEqualTo("A walk through the **old town**.");
		assertThat(browser.findAll("#photo-list button")).extracting(WebElement::getText)
			.contains("Move up", "Move down", "Remove");
		new WebDriverWait(browser.driver(), WAIT).until((driver) -> browser.findAll("#photo-list img.photo-thumb")
			.stream()
			.allMatch((img) -> !"0".equals(img.getDomProperty("naturalWidth"))));
		save(browser.screenshot("editor-photos"), "editor-photos");
		browser.asPhone(() -> {
			assertThat(browser.scrollsSideways()).isFalse();
			save(browser.screenshot("editor-photos-phone"), "editor-photos-phone");
		});

		browser.clickInPlace("#note-form button[name=action][value=save]");
		browser.waitForPath("/admin");
		assertThat(browser.find("p.flash[role=status]").getText()).isEqualTo("Note published.");
		WebElement row = browser.findAll("ol.admin-notes > li.admin-note").get(0);
		String id = row.getDomAttribute("data-note-id");
		String publicPath = URI.create(row.findElement(By.cssSelector("a.view")).getDomProperty("href")).getRawPath();
		List<String> order = List.of("A walled garden", "Boats in the harbour at dusk");
		assertPublished(publicPath, order);

		// editing: the harbour moves back up, a new photo is added, the garden goes
		browser.open(server.uri("/admin/edit/" + id));
		waitForItems(2);
		assertThat(altValues()).containsExactlyElementsOf(order);
		item(1).findElement(By.xpath(".//button[normalize-space()='Move up']")).click();
		browser.find("input#photo").sendKeys(market.toString());
		waitForItems(3);
		altField(2).sendKeys("Oranges, closer");
		item(1).findElement(By.xpath(".//button[normalize-space()='Remove']")).click();
		waitForItems(2);
		assertThat(altValues()).containsExactly("Boats in the harbour at dusk", "Oranges, closer");
		browser.clickInPlace("#note-form button[name=action][value=save]");
		browser.waitForPath("/admin");
		assertThat(browser.find("p.flash[role=status]").getText()).isEqualTo("Note updated.");
		assertPublished(publicPath, List.of("Boats in the harbour at dusk", "Oranges, closer"));
		assertThat(browser.consoleProblems()).isEmpty();
	}

	@Test
	void aFifthPhotoIsRefusedAtOnceAndADroppedPhotoIsTaken() throws Exception {
		List<Path> five = new ArrayList<>();
		for (int i = 1; i <= 5; i++) {
			five.add(picture("five-" + i + ".png", "png", new Color(40 * i, 90, 120), Color.BLACK, "No. " + i));
		}
		signIn("/admin/new");
		browser.type("#note-form textarea#content", "Four of five, and one dropped");
		browser.find("input#photo").sendKeys(String.join("\n", five.stream().map(Path::toString).toList()));
		waitForItems(4);
		assertThat(browser.find("#photo-status").getText()).contains("five-5.png was not added", "at most 4 photos");
		item(3).findElement(By.xpath(".//button[normalize-space()='Remove']")).click();
		waitForItems(3);

		browser.driver().executeScript("""
				const bytes = Uint8Array.from(atob(arguments[0]), (c) => c.charCodeAt(0));
				const data = new DataTransfer();
				data.items.add(new File([bytes], 'dropped.png', { type: 'image/png' }));
				const form = document.getElementById('note-form');
				for (const type of ['dragover', 'drop']) {
					form.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }));
				}""", Base64.getEncoder().encodeToString(Files.readAllBytes(five.get(4))));
		waitForItems(4);
		altField(3).sendKeys("Dropped on the form");
		browser.clickInPlace("#note-form button[name=action][value=save]");
		browser.waitForPath("/admin");
		WebElement row = browser.findAll("ol.admin-notes > li.admin-note").get(0);
		String publicPath = URI.create(row.findElement(By.cssSelector("a.view")).getDomProperty("href")).getRawPath();
		Document page = Jsoup.parse(server.get(publicPath).body(), server.uri("/").toString());
		assertThat(page.select(".h-entry img.u-photo").eachAttr("alt")).containsExactly("", "", "",
				"Dropped on the form");
		assertThat(browser.consoleProblems()).isEmpty();
	}

	@Test
	void anUploadShowsItsProgressWhileItIsSent() throws Exception {
		// about 2 MB of noise, sent through an upload throttled to 512 KB/s: the bar has
		// time
		// to move
		BufferedImage noise = new BufferedImage(820, 820, BufferedImage.TYPE_INT_RGB);
		java.util.Random random = new java.util.Random(7);
		for (int y = 0; y < 820; y++) {
			for (int x = 0; x < 820; x++) {
				noise.setRGB(x, y, random.nextInt(0x1000000));
			}
		}
		Path photo = files.resolve("noise.png");
		ImageIO.write(noise, "png", photo.toFile());
		assertThat(Files.size(photo)).isGreaterThan(1_500_000);
		signIn("/admin/new");
		browser.type("#note-form textarea#content", "Sent slowly, with a bar");
		browser.find("input#photo").sendKeys(photo.toString());
		waitForItems(1);
		ChromiumNetworkConditions slow = new ChromiumNetworkConditions();
		slow.setUploadThroughput(512 * 1024);
		slow.setDownloadThroughput(10 * 1024 * 1024);
		slow.setLatency(Duration.ofMillis(5));
		browser.driver().setNetworkConditions(slow);
		try {
			assertThat(browser.find("#upload-progress").isDisplayed()).isFalse();
			browser.clickInPlace("#note-form button[name=action][value=save]");
			long shown = new WebDriverWait(browser.driver(), WAIT).until((driver) -> {
				Object value = browser.driver()
					.executeScript("const bar = document.getElementById('upload-progress');"
							+ " return bar && !bar.hidden && bar.value > 0 && bar.value < 100 ? bar.value : null;");
				return (value != null) ? ((Number) value).longValue() : null;
			});
			assertThat(shown).isBetween(1L, 99L);
			assertThat(browser.find("#note-form button[name=action][value=save]").isEnabled())
				.as("the buttons wait while the note is sent")
				.isFalse();
		}
		finally {
			browser.driver().deleteNetworkConditions();
		}
		browser.waitForPath("/admin");
		assertThat(browser.findAll("ol.admin-notes > li.admin-note").get(0).getText()).contains("Sent slowly");
	}

	private static void signIn(String path) {
		browser.open(server.uri(path));
		if (browser.currentPath().equals("/auth/login")) {
			browser.type("#login-form input#password", OwnerClient.PASSWORD);
			browser.click("#login-form button[type=submit]");
		}
		assertThat(browser.currentPath()).isEqualTo(path);
	}

	/**
	 * The public page, in the browser and as microformats, and the feeds show the photos
	 * so.
	 */
	private static void assertPublished(String publicPath, List<String> alts) throws Exception {
		browser.open(server.uri(publicPath));
		List<WebElement> shown = browser.findAll(".h-entry img.u-photo");
		assertThat(shown).extracting((img) -> img.getDomAttribute("alt")).containsExactlyElementsOf(alts);
		assertThat(shown).allSatisfy((img) -> assertThat(img.getDomProperty("naturalWidth")).isNotEqualTo("0"));

		Document page = Jsoup.parse(server.get(publicPath).body(), server.uri("/").toString());
		List<Element> photos = page.select(".h-entry img.u-photo");
		assertThat(photos).extracting((img) -> img.attr("alt")).containsExactlyElementsOf(alts);
		assertThat(photos).extracting((img) -> img.absUrl("src"))
			.allSatisfy((src) -> assertThat(src).startsWith(server.uri("/media/").toString()));
		List<String> sources = photos.stream().map((img) -> img.absUrl("src")).toList();

		String permalink = server.uri(publicPath).toString();
		for (String feedPath : List.of("/feed.xml", "/feed.atom")) {
			SyndFeed feed = new SyndFeedInput().build(new StringReader(server.get(feedPath).body()));
			SyndEntry entry = feed.getEntries()
				.stream()
				.filter((each) -> permalink.equals(each.getLink()))
				.findFirst()
				.orElseThrow();
			List<SyndContent> contents = new ArrayList<>(entry.getContents());
			if (entry.getDescription() != null) {
				contents.add(entry.getDescription());
			}
			Element html = Jsoup.parseBodyFragment(contents.get(0).getValue(), permalink).body();
			List<Element> images = html.select("img");
			assertThat(images).as(feedPath).extracting((img) -> img.attr("alt")).containsExactlyElementsOf(alts);
			assertThat(images).as(feedPath).extracting((img) -> img.absUrl("src")).containsExactlyElementsOf(sources);
		}
	}

	private static void waitForItems(int count) {
		new WebDriverWait(browser.driver(), WAIT)
			.until((driver) -> browser.findAll("#photo-list > li").size() == count);
	}

	private static WebElement item(int index) {
		return browser.findAll("#photo-list > li").get(index);
	}

	private static WebElement altField(int index) {
		return item(index).findElement(By.cssSelector("input[name=photo-alt]"));
	}

	private static List<String> altValues() {
		return browser.findAll("#photo-list input[name=photo-alt]")
			.stream()
			.map((alt) -> alt.getDomProperty("value"))
			.toList();
	}

	private static List<String> thumbnails() {
		return browser.findAll("#photo-list img.photo-thumb")
			.stream()
			.map((img) -> String.valueOf(img.getDomAttribute("src")))
			.toList();
	}

	/** A 640×427 picture: a gradient with its name on it, written by ImageIO. */
	private static Path picture(String name, String format, Color top, Color bottom, String label) throws Exception {
		BufferedImage image = new BufferedImage(640, 427, BufferedImage.TYPE_INT_RGB);
		Graphics2D graphics = image.createGraphics();
		graphics.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
		graphics.setPaint(new GradientPaint(0, 0, top, 0, 427, bottom));
		graphics.fillRect(0, 0, 640, 427);
		graphics.setColor(Color.WHITE);
		graphics.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 64));
		graphics.drawString(label, 40, 240);
		graphics.dispose();
		Path file = files.resolve(name);
		if (!ImageIO.write(image, format, file.toFile())) {
			throw new IllegalStateException("No ImageIO writer for " + format);
		}
		return file;
	}

	/** Keeps a screenshot in {@code docs/screenshots/} too, where the README links it. */
	private static void save(Path screenshot, String name) {
		try {
			Path docs = Path.of("docs", "screenshots");
			if (Files.isDirectory(docs)) {
				Files.copy(screenshot, docs.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
			}
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
