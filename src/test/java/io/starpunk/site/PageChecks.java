package io.starpunk.site;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import io.starpunk.support.RunningServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every page of the site must have, checked on the parsed DOM and the headers.
 */
final class PageChecks {

	static final String SITE_URL = "https://blog.example/";

	static final String ME = "https://owner.example/";

	/**
	 * The properties the site's tests start the server with; the author's name carries
	 * markup, which every page must show as text.
	 */
	static final String[] PROPERTIES = { "SITE_URL=" + SITE_URL, "ADMIN_ME=" + ME, "SITE_NAME=Test Site",
			"SITE_AUTHOR=Ada <b>Owner</b>", "SITE_AUTHOR_PHOTO=https://owner.example/photo.jpg",
			"SITE_REL_ME=https://github.com/owner,https://social.example/@owner" };

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private PageChecks() {
	}

	static Document parse(HttpResponse<String> response) {
		return Jsoup.parse(response.body(), SITE_URL);
	}

	static HttpResponse<String> get(RunningServer server, String path, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path)).timeout(Duration.ofSeconds(10)).GET();
		if (headers.length > 0) {
			request.headers(headers);
		}
		try {
			return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** The path and query of an absolute URL on the test site, to ask the server for. */
	static String local(String absolute) {
		assertThat(absolute).startsWith(SITE_URL);
		URI uri = URI.create(absolute);
		return uri.getRawPath() + ((uri.getRawQuery() != null) ? "?" + uri.getRawQuery() : "");
	}

	/**
	 * An HTML page from the layout: HTML5 head, the stylesheet, the discovery links as
	 * elements and as a header, no script and no inline style, no whitelabel page.
	 */
	static Document assertSitePage(HttpResponse<String> response) {
		assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html;charset=UTF-8");
		assertThat(response.body()).startsWith("<!doctype html>");
		assertThat(response.body()).doesNotContain("Whitelabel", "<script", "style=", "Exception", "\tat ");
		Document page = parse(response);
		assertThat(page.selectFirst("html").attr("lang")).isEqualTo("en");
		assertThat(page.select("head > meta[charset]").attr("charset")).isEqualToIgnoringCase("utf-8");
		assertThat(page.select("head > meta[name=viewport]")).hasSize(1);
		assertThat(page.select("head > title").text()).isNotBlank();
		assertThat(page.select("head > link[rel=stylesheet]").attr("href")).isEqualTo(SITE_URL + "css/site.css");
		assertThat(page.select("[style]")).isEmpty();
		assertDiscoveryLinks(page, response);
		return page;
	}

	static void assertDiscoveryLinks(Document page, HttpResponse<String> response) {
		assertThat(page.select("head > link[rel=indieauth-metadata]").attr("href"))
			.isEqualTo(SITE_URL + ".well-known/oauth-authorization-server");
		assertThat(page.select("head > link[rel=authorization_endpoint]").attr("href"))
			.isEqualTo(SITE_URL + "auth/authorize");
		assertThat(page.select("head > link[rel=token_endpoint]").attr("href")).isEqualTo(SITE_URL + "auth/token");
		assertThat(page.select("head > link[rel=micropub]").attr("href")).isEqualTo(SITE_URL + "micropub");
		assertThat(page.select("head > link[rel=webmention]").attr("href")).isEqualTo(SITE_URL + "webmention");
		assertThat(page.select("head > link[rel=alternate][type=application/rss+xml]").attr("href"))
			.isEqualTo(SITE_URL + "feed.xml");
		assertThat(page.select("head > link[rel=alternate][type=application/atom+xml]").attr("href"))
			.isEqualTo(SITE_URL + "feed.atom");
		assertThat(page.select("head > link[rel=alternate][type=application/feed+json]").attr("href"))
			.isEqualTo(SITE_URL + "feed.json");
		List<String> header = response.headers().allValues("Link");
		assertThat(String.join(", ", header)).contains(
				"<" + SITE_URL + ".well-known/oauth-authorization-server>; rel=\"indieauth-metadata\"",
				"<" + SITE_URL + "auth/authorize>; rel=\"authorization_endpoint\"",
				"<" + SITE_URL + "auth/token>; rel=\"token_endpoint\"", "<" + SITE_URL + "micropub>; rel=\"micropub\"",
				"<" + SITE_URL + "webmention>; rel=\"webmention\"",
				"<" + SITE_URL + "feed.xml>; rel=\"alternate\"; type=\"application/rss+xml\"",
				"<" + SITE_URL + "feed.atom>; rel=\"alternate\"; type=\"application/atom+xml\"",
				"<" + SITE_URL + "feed.json>; rel=\"alternate\"; type=\"application/feed+json\"");
	}

	static Element only(Document page, String selector) {
		assertThat(page.select(selector)).as(selector).hasSize(1);
		return page.selectFirst(selector);
	}

}
