package io.starpunk.site;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.starpunk.support.RunningServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The files every browser and crawler asks a site for: {@code /favicon.ico} (an icon, not
 * a 404 page), named by every page's {@code <link rel="icon">}, and {@code /robots.txt}.
 */
class SiteFilesTests {

	private static final HttpClient http = HttpClient.newHttpClient();

	@TempDir
	static Path dataPath;

	static RunningServer server;

	@BeforeAll
	static void start() {
		server = RunningServer.start(dataPath, List.of(), "SITE_URL=http://blog.test/");
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@Test
	void theFaviconIsAnIconAndEveryPageNamesIt() throws Exception {
		HttpResponse<byte[]> icon = http.send(HttpRequest.newBuilder(server.uri("/favicon.ico")).build(),
				HttpResponse.BodyHandlers.ofByteArray());
		assertThat(icon.statusCode()).isEqualTo(200);
		assertThat(icon.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).isIn("image/x-icon", "image/vnd.microsoft.icon"));
		// an ICO directory of one image: reserved 0, type 1 (icon), count 1
		assertThat(icon.body()).startsWith(0, 0, 1, 0, 1, 0);
		for (String page : List.of("/", "/auth/login")) {
			assertThat(Jsoup.parse(server.get(page).body()).select("link[rel=icon]").eachAttr("href")).as(page)
				.containsExactly("/favicon.ico");
		}
	}

	@Test
	void robotsTxtLetsCrawlersReadThePublicPagesOnly() throws Exception {
		HttpResponse<String> robots = server.get("/robots.txt");
		assertThat(robots.statusCode()).isEqualTo(200);
		assertThat(robots.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/plain"));
		assertThat(robots.body().lines()).contains("User-agent: *", "Disallow: /admin")
			.noneMatch((line) -> line.equals("Disallow: /"));
	}

}
