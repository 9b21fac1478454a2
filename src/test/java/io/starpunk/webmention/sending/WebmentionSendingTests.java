package io.starpunk.webmention.sending;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.jdbc.core.simple.JdbcClient;

import io.starpunk.jobs.Job;
import io.starpunk.jobs.JobQueue;
import io.starpunk.notes.NoteService;
import io.starpunk.notes.Notes;
import io.starpunk.support.MicropubClient;
import io.starpunk.support.OwnerClient;
import io.starpunk.support.RecordedWrites;
import io.starpunk.support.RunningServer;
import io.starpunk.support.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Sending webmentions on a real server, a real SQLite file and real HTTP, to a stand-in
 * of webmention.rocks on a loopback address ({@code FETCH_ALLOW_PRIVATE=true}): discovery
 * finds the endpoint of each of its 23 discovery tests; a note published through Micropub
 * sends each of them a form-encoded webmention, and the owner sees the result on
 * {@code /admin/jobs}; an update tells the targets it linked to before as well as now; a
 * delete and a purge tell them all again; a 500 is tried again and a 400 fails with the
 * endpoint's answer; a scheduled note waits for its time and a draft sends nothing.
 */
class WebmentionSendingTests {

	private static final String TOKEN = "webmention-sending-token";

	@TempDir
	static Path dataPath;

	private static RunningServer server;

	private static StandInRocks rocks;

	private static MicropubClient micropub;

	private static JobQueue queue;

	private static JdbcClient jdbc;

	@BeforeAll
	static void start() throws Exception {
		rocks = StandInRocks.start();
		server = RunningServer.start(dataPath, List.of(RecordedWrites.Wiring.class), "FETCH_ALLOW_PRIVATE=true",
				"JOB_MAX_ATTEMPTS=3", "starpunk.jobs.first-retry=200ms", "ADMIN_PASSWORD=" + OwnerClient.PASSWORD,
				"ADMIN_ME=https://owner.example/");
		TestTokens.insert(dataPath, TOKEN, "https://owner.example/", "create update delete");
		micropub = new MicropubClient(server);
		queue = server.context().getBean(JobQueue.class);
		jdbc = server.context().getBean(JdbcClient.class);
	}

	@AfterAll
	static void stop() {
		// the listener, the fan-out and every send (refusals included) write in
		// transactions, through the one write queue
		assertThat(server.context().getBean(RecordedWrites.class).outsideTransactions()).isEmpty();
		server.close();
		rocks.close();
	}

	@Test
	void discoveryFindsTheEndpointOfEachWebmentionRocksTest() throws Exception {
		EndpointDiscovery discovery = server.context().getBean(EndpointDiscovery.class);
		assertThat(rocks.cases()).hasSize(23);
		for (StandInRocks.Case test : rocks.cases()) {
			Optional<URI> endpoint = discovery.discover(rocks.target(test));
			assertThat(endpoint).as(test.toString()).isPresent();
			if (test.number() == 23) {
				// relative to the page the target redirected to, with that page's key
				assertThat(endpoint.get().toString()).as(test.toString())
					.startsWith(rocks.endpoint(test).toString())
					.hasSizeGreaterThan(rocks.endpoint(test).toString().length());
			}
			else {
				assertThat(endpoint.get()).as(test.toString()).isEqualTo(rocks.endpoint(test));
			}
		}
	}

	@Test
	void aNoteLinkingToEveryTestSendsEachItsWebmentionAndTheOwnerSeesTheResults() {
		StringBuilder content = new StringBuilder("Testing my webmentions:\n\n");
		for (StandInRocks.Case test : rocks.cases()) {
			content.append("- [test ").append(test.number()).append("](").append(rocks.target(test)).append(")\n");
		}
		String source = created(micropub.form(TOKEN, "h", "entry", "content", content.toString()));
		await().atMost(Duration.ofSeconds(30)).until(() -> rocks.webmentionsFrom(source).size() >= 23 && queue.idle());
		List<StandInRocks.Request> sent = rocks.webmentionsFrom(source);
		assertThat(sent).hasSize(23);
		for (StandInRocks.Case test : rocks.cases()) {
			String target = rocks.target(test).toString();
			List<StandInRocks.Request> received = sent.stream()
				.filter((request) -> target.equals(request.form().get("target")))
				.toList();
			assertThat(received).as(test.toString()).hasSize(1);
			StandInRocks.Request webmention = received.get(0);
			String at = rocks.uri(webmention.path()) + ((webmention.query() != null) ? "?" + webmention.query() : "");
			if (test.number() == 23) {
				assertThat(at).as(test.toString()).startsWith(rocks.endpoint(test).toString());
			}
			else {
				assertThat(at).as(test.toString()).isEqualTo(rocks.endpoint(test).toString());
			}
			assertThat(webmention.headers().get("content-type")).startsWith("application/x-www-form-urlencoded");
			// the query stays on the URL, the form holds source and target only
			assertThat(webmention.form()).containsOnlyKeys("source", "target");
		}
		assertThat(sent).noneMatch((request) -> request.path().endsWith("/error"));
		// every send job is done, and says what came back
		List<Job> sends = sendJobs(source);
		assertThat(sends).hasSize(23).allMatch((job) -> job.state().equals(Job.DONE));
		OwnerClient owner = OwnerClient.signIn(server, OwnerClient.PASSWORD);
		HttpResponse<String> page = owner.get("/admin/jobs");
		assertThat(page.statusCode()).isEqualTo(200);
		String firstTarget = rocks.target(rocks.cases().get(0)).toString();
		Job first = sends.stream()
			.filter((job) -> job.payload().contains(firstTarget + "\""))
			.findFirst()
			.orElseThrow();
		Element shown = Jsoup.parse(page.body()).selectFirst("[data-job-id=" + first.id() + "]");
		assertThat(shown).isNotNull();
		assertThat(shown.attr("data-job-state")).isEqualTo(Job.DONE);
		assertThat(shown.text()).contains("webmention-send")
			.contains("202 from " + rocks.endpoint(rocks.cases().get(0)) + " for " + firstTarget);
	}

	@Test
	void anUpdateOrADraftTellsTheTargetsTheNoteLinkedToBeforeAsWellAsNow() {
		URI one = rocks.target(rocks.cases().get(0));
		URI three = rocks.target(rocks.cases().get(2));
		URI five = rocks.target(rocks.cases().get(4));
		String source = created(micropub.form(TOKEN, "h", "entry", "content",
				"Links to [one](" + one + ") and [three](" + three + ")."));
		await().atMost(Duration.ofSeconds(15)).until(() -> rocks.webmentionsFrom(source).size() >= 2 && queue.idle());
		HttpResponse<String> updated = micropub.json(TOKEN, """
				{"action": "update", "url": "%s", "replace": {"content": ["Now only [five](%s)."]}}
				""".formatted(source, five));
		assertThat(updated.statusCode()).as(updated.body()).isIn(200, 204);
		await().atMost(Duration.ofSeconds(15)).until(() -> rocks.webmentionsFrom(source).size() >= 5 && queue.idle());
		assertThat(targets(source)).containsExactlyInAnyOrder(one.toString(), three.toString(), one.toString(),
				three.toString(), five.toString());
		// made a draft again, the note is gone from the site: everyone it told is told
		HttpResponse<String> drafted = micropub.json(TOKEN, """
				{"action": "update", "url": "%s", "replace": {"post-status": ["draft"]}}
				""".formatted(source));
		assertThat(drafted.statusCode()).as(drafted.body()).isIn(200, 204);
		assertThat(server.get(URI.create(source).getPath()).statusCode()).isEqualTo(404);
		await().atMost(Duration.ofSeconds(15)).until(() -> rocks.webmentionsFrom(source).size() >= 8 && queue.idle());
		assertThat(targets(source).subList(5, 8)).containsExactlyInAnyOrder(one.toString(), three.toString(),
				five.toString());
	}

	@Test
	void aDeleteAndAPurgeTellEveryTargetAgainAndTheNoteIsGone() {
		URI two = rocks.target(rocks.cases().get(1));
		URI four = rocks.target(rocks.cases().get(3));
		URI six = rocks.target(rocks.cases().get(5));
		String source = created(micropub.json(TOKEN, """
				{"type": ["h-entry"], "properties": {
				  "content": ["A reply, a like and [a link](%s)."],
				  "in-reply-to": [{"type": ["h-cite"], "properties": {"url": ["%s"], "name": ["Test 2"]}}],
				  "like-of": ["%s"]}}
				""".formatted(four, two, six)));
		await().atMost(Duration.ofSeconds(15)).until(() -> rocks.webmentionsFrom(source).size() >= 3 && queue.idle());
		assertThat(targets(source)).containsExactlyInAnyOrder(two.toString(), four.toString(), six.toString());
		assertThat(micropub.form(TOKEN, "action", "delete", "url", source).statusCode()).isEqualTo(204);
		assertThat(server.get(URI.create(source).getPath()).statusCode()).isEqualTo(410);
		await().atMost(Duration.ofSeconds(15)).until(() -> rocks.webmentionsFrom(source).size() >= 6 && queue.idle());
		assertThat(targets(source)).containsExactlyInAnyOrder(two.toString(), four.toString(), six.toString(),
				two.toString(), four.toString(), six.toString());
		// purged, the note has no row left: its targets are told from what was sent
		long id = server.context().getBean(Notes.class).findBySlug(slug(source)).orElseThrow().id();
		server.context().getBean(NoteService.class).purge(id);
		await().atMost(Duration.ofSeconds(15)).until(() -> rocks.webmentionsFrom(source).size() >= 9 && queue.idle());
		assertThat(rocks.webmentionsFrom(source)).hasSize(9);
	}

	@Test
	void aFailingEndpointIsTriedAgainAndARefusalFailsWithTheEndpointsAnswer() {
		AtomicInteger flakyCalls = new AtomicInteger();
		rocks.route("GET /flaky", (request) -> StandInRocks.pageWithEndpoint("/flaky/endpoint"))
			.route("POST /flaky/endpoint",
					(request) -> (flakyCalls.incrementAndGet() == 1)
							? new StandInRocks.Reply(500, List.of(), "text/plain", "Down for a moment")
							: StandInRocks.accepted())
			.route("GET /refusing", (request) -> StandInRocks.pageWithEndpoint("/refusing/endpoint"))
			.route("POST /refusing/endpoint",
					(request) -> StandInRocks.refused("Source does not link to target\n\nat all"));
		URI flaky = rocks.uri("/flaky");
		URI refusing = rocks.uri("/refusing");
		String source = created(micropub.form(TOKEN, "h", "entry", "content",
				"Two links: " + flaky + " and " + refusing + " (bare URLs are links too)."));
		await().atMost(Duration.ofSeconds(20))
			.until(() -> sendJobs(source).size() == 2
					&& sendJobs(source).stream()
						.allMatch((job) -> job.state().equals(Job.DONE) || job.state().equals(Job.FAILED))
					&& queue.idle());
		Job retried = sendJob(source, flaky);
		assertThat(retried.state()).isEqualTo(Job.DONE);
		assertThat(retried.attempts()).isEqualTo(2);
		assertThat(retried.lastError()).isEqualTo("500 from " + rocks.uri("/flaky/endpoint") + " for " + flaky);
		assertThat(retried.result()).isEqualTo("202 from " + rocks.uri("/flaky/endpoint") + " for " + flaky);
		assertThat(flakyCalls).hasValue(2);
		Job refused = sendJob(source, refusing);
		assertThat(refused.state()).isEqualTo(Job.FAILED);
		assertThat(refused.attempts()).isEqualTo(1);
		assertThat(refused.result()).isEqualTo("400 from " + rocks.uri("/refusing/endpoint") + " for " + refusing
				+ ": Source does not link to target at all");
		assertThat(rocks.requests()).filteredOn((request) -> request.path().equals("/refusing/endpoint")).hasSize(1);
		assertThat(jdbc.sql("SELECT status FROM sent_webmentions WHERE target = ?")
			.param(refusing.toString())
			.query(Integer.class)
			.single()).isEqualTo(400);
		assertThat(jdbc.sql("SELECT endpoint FROM sent_webmentions WHERE target = ?")
			.param(flaky.toString())
			.query(String.class)
			.single()).isEqualTo(rocks.uri("/flaky/endpoint").toString());
	}

	@Test
	void aScheduledNoteSendsNothingUntilItsTime() {
		rocks.route("GET /scheduled", (request) -> StandInRocks.pageWithEndpoint("/scheduled/endpoint"))
			.route("POST /scheduled/endpoint", (request) -> StandInRocks.accepted());
		Instant published = Instant.now().plusSeconds(4).truncatedTo(ChronoUnit.SECONDS);
		String source = created(micropub.form(TOKEN, "h", "entry", "content", "Later: " + rocks.uri("/scheduled"),
				"published", published.toString()));
		long id = noteId(source);
		Job fanOut = queue
			.find(jdbc.sql("SELECT id FROM jobs WHERE kind = 'webmention-note' AND dedupe_key = ?")
				.param(WebmentionJobs.key(id))
				.query(Long.class)
				.single())
			.orElseThrow();
		assertThat(fanOut.state()).isEqualTo(Job.PENDING);
		assertThat(fanOut.runAfter()).isEqualTo(published);
		await().during(Duration.ofSeconds(1))
			.atMost(Duration.ofSeconds(2))
			.until(() -> rocks.webmentionsFrom(source).isEmpty());
		await().atMost(Duration.ofSeconds(20)).until(() -> rocks.webmentionsFrom(source).size() == 1);
		assertThat(rocks.webmentionsFrom(source).get(0).at()).isAfterOrEqualTo(published);
	}

	@Test
	void aDraftSendsNothing() {
		rocks.route("GET /drafted", (request) -> StandInRocks.pageWithEndpoint("/drafted/endpoint"));
		String source = created(micropub.form(TOKEN, "h", "entry", "content", "Not yet: " + rocks.uri("/drafted"),
				"post-status", "draft"));
		long id = noteId(source);
		assertThat(jdbc
			.sql("SELECT count(*) FROM jobs WHERE kind LIKE 'webmention-%' AND json_extract(payload, '$.noteId') = ?")
			.param(id)
			.query(Integer.class)
			.single()).isZero();
		assertThat(rocks.requests()).noneMatch((request) -> request.path().startsWith("/drafted"));
	}

	private static List<String> targets(String source) {
		return rocks.webmentionsFrom(source).stream().map((request) -> request.form().get("target")).toList();
	}

	private static List<Job> sendJobs(String source) {
		return jdbc.sql("SELECT id FROM jobs WHERE kind = 'webmention-send' AND json_extract(payload, '$.source') = ?")
			.param(source)
			.query(Long.class)
			.list()
			.stream()
			.map((id) -> queue.find(id).orElseThrow())
			.toList();
	}

	private static Job sendJob(String source, URI target) {
		return sendJobs(source).stream()
			.filter((job) -> job.payload().contains("\"" + target + "\""))
			.findFirst()
			.orElseThrow();
	}

	private static long noteId(String source) {
		return server.context().getBean(Notes.class).findBySlug(slug(source)).orElseThrow().id();
	}

	private static String created(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return response.headers().firstValue("Location").orElseThrow();
	}

	private static String slug(String location) {
		String path = URI.create(location).getPath();
		return path.substring(path.lastIndexOf('/') + 1);
	}

}
