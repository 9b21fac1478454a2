package io.starpunk.websub;

import java.io.IOException;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.io.SyndFeedInput;
import com.sun.net.httpserver.HttpServer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;

import io.starpunk.jobs.JobQueue;
import io.starpunk.support.MicropubClient;
import io.starpunk.support.RunningServer;
import io.starpunk.support.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * WebSub on a real server with two stand-in hubs on 127.0.0.1: the home page and every
 * feed name the hubs and themselves (Link headers, {@code <link>}, {@code atom:link},
 * JSON Feed {@code hubs}); a change to a public note has each hub told, within 30 s, that
 * the home page and the feeds changed; a draft's change tells no one; without
 * {@code WEBSUB_HUB} there is none of it.
 */
class WebSubTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final String TOKEN = "websub-test-token";

	private static final String SITE = "http://blog.test/";

	private static final List<String> TOPICS = List.of(SITE, SITE + "feed.xml", SITE + "feed.rss", SITE + "feed.atom",
			SITE + "feed.json", SITE + "feed");

	@TempDir
	static Path dataPath;

	private static HttpServer hubs;

	private static final List<Ping> pings = new CopyOnWriteArrayList<>();

	private static RunningServer server;

	private static MicropubClient micropub;

	private static String hubA;

	private static String hubB;

	private static List<String> allHubs;

	@BeforeAll
	static void start() throws Exception {
		hubs = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		hubs.setExecutor(Executors.newCachedThreadPool((task) -> {
			Thread thread = new Thread(task, "stand-in-hub");
			thread.setDaemon(true);
			return thread;
		}));
		java.util.concurrent.atomic.AtomicInteger flakyCalls = new java.util.concurrent.atomic.AtomicInteger();
		for (String path : List.of("/hub-a", "/hub-b", "/hub-flaky", "/hub-refusing")) {
			hubs.createContext(path, (exchange) -> {
				String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
				pings.add(new Ping(exchange.getRequestURI().getPath(), exchange.getRequestMethod(),
						exchange.getRequestHeaders().getFirst("Content-Type"), body));
				if (path.equals("/hub-refusing")) {
					byte[] refusal = "hub.topic is not allowed on this hub".getBytes(StandardCharsets.UTF_8);
					exchange.sendResponseHeaders(400, refusal.length);
					exchange.getResponseBody().write(refusal);
					exchange.close();
					return;
				}
				// the flaky hub fails its first request; a hub that takes a publish
				// answers
				// 202 or 204
				int status = (path.equals("/hub-flaky") && flakyCalls.incrementAndGet() == 1) ? 503
						: path.equals("/hub-a") ? 202 : 204;
				exchange.sendResponseHeaders(status, -1);
				exchange.close();
			});
		}
		hubs.start();
		String base = "http://127.0.0.1:" + hubs.getAddress().getPort();
		hubA = base + "/hub-a";
		hubB = base + "/hub-b";
		allHubs = List.of(hubA, hubB, base + "/hub-flaky", base + "/hub-refusing");
		server = RunningServer.start(dataPath, List.of(), "SITE_URL=" + SITE, "ADMIN_ME=https://owner.example/",
				"FETCH_ALLOW_PRIVATE=true", "WEBSUB_HUB=" + String.join(",", allHubs), "JOB_MAX_ATTEMPTS=3",
				"starpunk.jobs.first-retry=200ms");
		TestTokens.insert(dataPath, TOKEN, "https://owner.example/", "create update delete draft");
		micropub = new MicropubClient(server);
	}

	@AfterAll
	static void stop() {
		server.close();
		hubs.stop(0);
	}

	@Test
	void theHomePageNamesTheHubsAndItselfInItsHeaderAndHead() {
		HttpResponse<String> home = server.get("/");
		assertThat(home.statusCode()).isEqualTo(200);
		assertThat(links(home, "hub")).containsExactlyElementsOf(allHubs);
		assertThat(links(home, "self")).containsExactly(SITE);
		Document page = Jsoup.parse(home.body(), SITE);
		assertThat(page.select("head link[rel=hub]").eachAttr("href")).containsExactlyElementsOf(allHubs);
		assertThat(page.select("head link[rel=self]").eachAttr("href")).containsExactly(SITE);
	}

	@Test
	void everyFeedNamesTheHubsAndItselfInItsHeader() {
		for (String feed : List.of("feed.xml", "feed.rss", "feed.atom", "feed.json", "feed")) {
			HttpResponse<String> response = server.get("/" + feed);
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(links(response, "hub")).as(feed).containsExactlyElementsOf(allHubs);
			assertThat(links(response, "self")).as(feed).containsExactly(SITE + feed);
		}
	}

	@Test
	void rssAndAtomCarryHubLinksAndJsonFeedItsHubs() throws Exception {
		Document rss = Jsoup.parse(server.get("/feed.xml").body(), "", Parser.xmlParser());
		List<String> rssHubs = new ArrayList<>();
		rss.select("channel > *").forEach((element) -> {
			if (element.tagName().equals("atom:link") && element.attr("rel").equals("hub")) {
				rssHubs.add(element.attr("href"));
			}
		});
		assertThat(rssHubs).containsExactlyElementsOf(allHubs);
		SyndFeed atom = new SyndFeedInput().build(new StringReader(server.get("/feed.atom").body()));
		assertThat(atom.getLinks().stream().filter((link) -> "hub".equals(link.getRel())).map(SyndLink::getHref))
			.containsExactlyElementsOf(allHubs);
		assertThat(atom.getLinks().stream().filter((link) -> "self".equals(link.getRel())).map(SyndLink::getHref))
			.containsExactly(SITE + "feed.atom");
		JsonNode jsonFeed = json.readTree(server.get("/feed.json").body());
		assertThat(jsonFeed.path("hubs").valueStream().map((hub) -> hub.path("type").asString())).containsOnly("WebSub")
			.hasSize(allHubs.size());
		assertThat(jsonFeed.path("hubs").valueStream().map((hub) -> hub.path("url").asString()))
			.containsExactlyElementsOf(allHubs);
	}

	@Test
	void aPublicChangeHasEachHubToldOfTheHomePageAndFeeds() {
		JobQueue queue = server.context().getBean(JobQueue.class);
		await().atMost(Duration.ofSeconds(30)).until(queue::idle);
		int before = pings.size();
		HttpResponse<String> created = micropub.form(TOKEN, "h", "entry", "content", "Hello, subscribers");
		assertThat(created.statusCode()).isEqualTo(201);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> pings.subList(before, pings.size()).stream().map(Ping::path).distinct().count() == 4);
		for (Ping ping : pings.subList(before, pings.size())) {
			assertThat(ping.method()).isEqualTo("POST");
			assertThat(ping.contentType()).startsWith("application/x-www-form-urlencoded");
			assertThat(ping.values("hub.mode")).containsExactly("publish");
			assertThat(ping.values("hub.url")).containsExactlyInAnyOrderElementsOf(TOPICS);
		}
		// a delete is a public change too
		await().atMost(Duration.ofSeconds(30)).until(queue::idle);
		int beforeDelete = pings.size();
		String permalink = created.headers().firstValue("Location").orElseThrow();
		assertThat(micropub.form(TOKEN, "action", "delete", "url", permalink).statusCode()).isEqualTo(204);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> pings.subList(beforeDelete, pings.size()).stream().map(Ping::path).distinct().count() == 4);
	}

	@Test
	void aHubThatFailsIsTriedAgainAndOneThatRefusesFailsWithItsMessage() {
		HttpResponse<String> created = micropub.form(TOKEN, "h", "entry", "content", "Ping them all");
		assertThat(created.statusCode()).isEqualTo(201);
		JdbcClient jdbc = server.context().getBean(JdbcClient.class);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> pings.stream().filter((ping) -> ping.path().equals("/hub-flaky")).count() >= 2);
		String refused = await().atMost(Duration.ofSeconds(30))
			.until(() -> jdbc
				.sql("SELECT last_error FROM jobs WHERE kind = 'websub-ping' AND state = 'failed' ORDER BY id DESC")
				.query(String.class)
				.list()
				.stream()
				.findFirst()
				.orElse(null), (error) -> error != null);
		assertThat(refused).contains("/hub-refusing answered 400: hub.topic is not allowed on this hub");
	}

	@Test
	void aDraftsChangePingsNoHub() {
		JobQueue queue = server.context().getBean(JobQueue.class);
		await().atMost(Duration.ofSeconds(30)).until(queue::idle);
		int before = pings.size();
		HttpResponse<String> created = micropub.form(TOKEN, "h", "entry", "content", "Not yet", "post-status", "draft");
		assertThat(created.statusCode()).isEqualTo(201);
		await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(30)).until(queue::idle);
		assertThat(pings).hasSize(before);
	}

	@Test
	void withoutWebsubHubNothingIsAdvertised(@TempDir Path otherData) throws IOException {
		Files.createDirectories(otherData);
		try (RunningServer plain = RunningServer.start(otherData, List.of(), "SITE_URL=" + SITE,
				"ADMIN_ME=https://owner.example/")) {
			for (String path : List.of("/", "/feed.xml", "/feed.atom", "/feed.json", "/feed")) {
				HttpResponse<String> response = plain.get(path);
				assertThat(links(response, "hub")).as(path).isEmpty();
				assertThat(links(response, "self")).as(path).isEmpty();
			}
			assertThat(Jsoup.parse(plain.get("/").body()).select("link[rel=hub], link[rel=self]")).isEmpty();
			assertThat(json.readTree(plain.get("/feed.json").body()).has("hubs")).isFalse();
			Document rss = Jsoup.parse(plain.get("/feed.xml").body(), "", Parser.xmlParser());
			assertThat(rss.select("channel > *")
				.stream()
				.filter((element) -> element.tagName().equals("atom:link") && element.attr("rel").equals("hub")))
				.isEmpty();
		}
	}

	/**
	 * The targets of the Link header's links of one relation, as RFC 8288 writes them.
	 */
	private static List<String> links(HttpResponse<String> response, String rel) {
		List<String> found = new ArrayList<>();
		for (String header : response.headers().allValues("Link")) {
			for (String link : header.split(",\\s*(?=<)")) {
				String target = link.substring(link.indexOf('<') + 1, link.indexOf('>'));
				for (String parameter : link.substring(link.indexOf('>') + 1).split(";")) {
					String[] pair = parameter.strip().split("=", 2);
					if (pair.length == 2 && pair[0].equals("rel")
							&& List.of(pair[1].replace("\"", "").split("\\s+")).contains(rel)) {
						found.add(target);
					}
				}
			}
		}
		return found;
	}

	/**
	 * A publish request a hub received.
	 *
	 * @param path the hub
	 * @param method its method
	 * @param contentType its type
	 * @param body its body
	 */
	record Ping(String path, String method, String contentType, String body) {

		List<String> values(String name) {
			List<String> values = new ArrayList<>();
			for (String pair : this.body.split("&")) {
				String[] parts = pair.split("=", 2);
				if (URLDecoder.decode(parts[0], StandardCharsets.UTF_8).equals(name)) {
					values.add(URLDecoder.decode((parts.length > 1) ? parts[1] : "", StandardCharsets.UTF_8));
				}
			}
			return values;
		}

	}

}
