package io.starpunk.admin;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.sun.net.httpserver.HttpServer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.starpunk.jobs.JobQueue;
import io.starpunk.notes.NoteService;
import io.starpunk.support.OwnerClient;
import io.starpunk.support.RunningServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code /admin/mentions} over real HTTP: only for the signed-in owner; mentions received
 * from a stand-in source on 127.0.0.1 are listed pending, then moved by Reject and
 * Approve between the sections, Delete removes one, an unknown one is a 404 page, and a
 * blocked domain can be unblocked.
 */
class MentionsPageTests {

	private static final String NOTE = "http://blog.example/notes/mentioned";

	@TempDir
	static Path dataPath;

	private static RunningServer server;

	private static HttpServer source;

	@BeforeAll
	static void start() throws IOException {
		source = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 10);
		source.createContext("/", (exchange) -> {
			byte[] page = ("<div class=\"h-entry\"><a class=\"p-author h-card\" href=\"/\">Dora</a>"
					+ "<a class=\"u-in-reply-to\" href=\"" + NOTE + "\">re</a><p class=\"e-content\">Reply "
					+ exchange.getRequestURI().getPath() + "</p></div>")
				.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "text/html");
			exchange.sendResponseHeaders(200, page.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(page);
			}
		});
		source.start();
		server = RunningServer.start(dataPath, List.of(), "SITE_URL=http://blog.example/", "FETCH_ALLOW_PRIVATE=true",
				"ADMIN_PASSWORD=" + OwnerClient.PASSWORD);
		server.context().getBean(NoteService.class).create("A note others reply to.", "mentioned", true);
		for (String path : List.of("/one", "/two")) {
			assertThat(webmention("http://127.0.0.1:" + source.getAddress().getPort() + path).statusCode())
				.isEqualTo(202);
		}
		JobQueue queue = server.context().getBean(JobQueue.class);
		await().atMost(Duration.ofSeconds(20)).until(queue::idle);
	}

	@AfterAll
	static void stop() {
		server.close();
		source.stop(0);
	}

	@Test
	void theOwnerModeratesMentionsAndOthersCannotSeeThem() {
		HttpResponse<String> anonymous = OwnerClient.anonymous(server).get("/admin/mentions");
		assertThat(anonymous.statusCode()).isIn(302, 303);
		OwnerClient owner = OwnerClient.signIn(server, OwnerClient.PASSWORD);
		Document page = Jsoup.parse(owner.get("/admin/mentions").body());
		assertThat(page.select("nav.owner-nav a[href=/admin/mentions]")).hasSize(1);
		List<Element> pending = page.select("li.mention[data-mention-status=pending]");
		assertThat(pending).hasSize(2);
		String one = idOf(pending, "Reply /one");
		String two = idOf(pending, "Reply /two");

		assertThat(owner.post("/admin/mentions/" + one + "/reject", Map.of()).statusCode()).isEqualTo(303);
		assertThat(owner.post("/admin/mentions/" + two + "/approve", Map.of()).statusCode()).isEqualTo(303);
		page = Jsoup.parse(owner.get("/admin/mentions?done=approved").body());
		assertThat(page.select("p.flash").text()).contains("approved");
		assertThat(page.select("li.mention[data-mention-status=rejected]").eachAttr("data-mention-id"))
			.containsExactly(one);
		assertThat(page.select("li.mention[data-mention-status=approved]").eachAttr("data-mention-id"))
			.containsExactly(two);
		assertThat(page.select("li.mention[data-mention-status=pending]")).isEmpty();
		assertThat(Jsoup.parse(server.get("/notes/mentioned").body()).select(".u-comment.h-cite").text())
			.contains("Reply /two")
			.doesNotContain("Reply /one");

		assertThat(owner.post("/admin/mentions/" + one + "/delete", Map.of()).statusCode()).isEqualTo(303);
		assertThat(owner.post("/admin/mentions/" + one + "/delete", Map.of()).statusCode()).isEqualTo(404);
		assertThat(owner.postWithoutCsrf("/admin/mentions/" + two + "/reject", Map.of()).statusCode()).isEqualTo(403);

		assertThat(owner.post("/admin/mentions/block", Map.of("domain", "Nuisance.Example")).statusCode())
			.isEqualTo(303);
		page = Jsoup.parse(owner.get("/admin/mentions").body());
		assertThat(page.select(".blocked-domain").eachText()).contains("nuisance.example");
		assertThat(owner.post("/admin/mentions/unblock", Map.of("domain", "nuisance.example")).statusCode())
			.isEqualTo(303);
		assertThat(Jsoup.parse(owner.get("/admin/mentions").body()).select(".blocked-domain").eachText())
			.doesNotContain("nuisance.example");
	}

	private static String idOf(List<Element> mentions, String text) {
		return mentions.stream()
			.filter((mention) -> mention.text().contains(text))
			.findFirst()
			.orElseThrow()
			.attr("data-mention-id");
	}

	private static HttpResponse<String> webmention(String sourceUrl) {
		String body = "source=" + URLEncoder.encode(sourceUrl, StandardCharsets.UTF_8) + "&target="
				+ URLEncoder.encode(NOTE, StandardCharsets.UTF_8);
		try {
			return HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(server.uri("/webmention"))
					.header("Content-Type", "application/x-www-form-urlencoded")
					.POST(HttpRequest.BodyPublishers.ofString(body))
					.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
