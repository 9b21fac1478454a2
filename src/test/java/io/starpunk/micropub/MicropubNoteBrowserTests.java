package io.starpunk.micropub;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebElement;

import io.starpunk.support.Browser;
import io.starpunk.support.BrowserScreenshots;
import io.starpunk.support.Multipart;
import io.starpunk.support.RunningServer;
import io.starpunk.support.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A note posted the way a Micropub app posts one with a photo (multipart) and one with
 * HTML, categories and a checkin (JSON), then read in a real browser: the photo loads
 * from this server, its alt text is there, and the categories and place are shown.
 */
class MicropubNoteBrowserTests {

	private static final String TOKEN = "browser-token-0123456789abcdef0123456789abcdef";

	private static final HttpClient http = HttpClient.newHttpClient();

	@TempDir
	static Path dataPath;

	private static RunningServer server;

	private static Browser browser;

	@RegisterExtension
	static final BrowserScreenshots screenshots = new BrowserScreenshots(() -> browser);

	@BeforeAll
	static void start() throws Exception {
		server = RunningServer.startAtItsOwnUrl(dataPath, "SITE_AUTHOR=Ada Owner");
		String me = server.uri("/").toString();
		TestTokens.insert(dataPath, TOKEN, me, "create media");
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
	void aPhotoPostedWithTheNoteIsShownFromThisServer() throws Exception {
		Multipart body = new Multipart().field("h", "entry")
			.field("content", "Sunset over the **lake**")
			.field("category[]", "photos")
			.field("category[]", "evening")
			.file("photo", "sunset.png", "application/octet-stream", sunset());
		HttpResponse<String> created = http.send(HttpRequest.newBuilder(server.uri("/micropub"))
			.header("Authorization", "Bearer " + TOKEN)
			.header("Content-Type", body.contentType())
			.POST(body.publisher())
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

		browser.open(URI.create(created.headers().firstValue("Location").orElseThrow()));
		WebElement photo = browser.find(".h-entry img.u-photo");
		assertThat(photo.getAttribute("src")).startsWith(server.uri("/media/").toString()).endsWith(".png");
		assertThat(photo.getDomProperty("naturalWidth")).as("the image loaded").isNotEqualTo("0");
		assertThat(browser.findAll(".h-entry .p-category")).extracting(WebElement::getText)
			.containsExactly("photos", "evening");
		assertThat(browser.find(".h-entry .e-content strong").getText()).isEqualTo("lake");
		assertThat(browser.consoleProblems()).isEmpty();
		browser.screenshot("micropub-photo-note");
	}

	/** A 480×270 picture of a sunset, a gradient from orange to blue. */
	private static byte[] sunset() throws Exception {
		BufferedImage image = new BufferedImage(480, 270, BufferedImage.TYPE_INT_RGB);
		Graphics2D graphics = image.createGraphics();
		graphics.setPaint(new GradientPaint(0, 0, new Color(0x1d3557), 0, 270, new Color(0xf4a261)));
		graphics.fillRect(0, 0, 480, 270);
		graphics.setColor(new Color(0xe76f51));
		graphics.fillOval(190, 150, 100, 100);
		graphics.dispose();
		ByteArrayOutputStream png = new ByteArrayOutputStream();
		ImageIO.write(image, "png", png);
		return png.toByteArray();
	}

	@Test
	void htmlCategoriesAltTextAndACheckinAreShown() throws Exception {
		String json = """
				{"type": ["h-entry"], "properties": {
				  "name": ["Coffee at the market"],
				  "content": [{"html": "<p>Strong <b>coffee</b><script>alert(1)</script></p>"}],
				  "category": ["coffee", "travel"],
				  "photo": [{"value": "%s", "alt": "A cup on a table"}],
				  "checkin": [{"type": ["h-card"], "properties": {"name": ["Market Cafe"],
				    "url": ["https://cafe.example/"]}}]
				}}""".formatted(server.uri("/media/none.png"));
		HttpResponse<String> created = http.send(HttpRequest.newBuilder(server.uri("/micropub"))
			.header("Authorization", "Bearer " + TOKEN)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		assertThat(created.headers().firstValue("Location").orElseThrow()).endsWith("/notes/coffee-at-the-market");

		browser.open(URI.create(created.headers().firstValue("Location").orElseThrow()));
		assertThat(browser.find(".h-entry .p-name").getText()).isEqualTo("Coffee at the market");
		assertThat(browser.find(".h-entry .e-content b").getText()).isEqualTo("coffee");
		assertThat(browser.find(".h-entry .e-content").getText()).doesNotContain("<b>", "alert");
		assertThat(browser.find(".h-entry img.u-photo").getAttribute("alt")).isEqualTo("A cup on a table");
		assertThat(browser.find(".h-entry .u-checkin .p-name").getText()).isEqualTo("Market Cafe");
		assertThat(browser.findAll(".h-entry .p-category")).extracting(WebElement::getText)
			.containsExactly("coffee", "travel");
		assertThat(browser.driver().getTitle()).contains("Coffee at the market");
		browser.open(server.uri("/"));
		List<WebElement> names = browser.findAll(".h-feed .h-entry .p-name");
		assertThat(names).extracting(WebElement::getText).contains("Coffee at the market");
	}

}
