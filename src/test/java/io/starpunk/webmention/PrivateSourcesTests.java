package io.starpunk.webmention;

import java.net.InetAddress;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.starpunk.http.HostLookup;
import io.starpunk.jobs.Job;
import io.starpunk.jobs.JobQueue;
import io.starpunk.notes.NoteService;
import io.starpunk.support.RunningServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With the default {@code FETCH_ALLOW_PRIVATE=false}, a source on a private address is
 * never fetched: a loopback address, a name that resolves to one, and a name that
 * resolves first to a public address and then to a private one (the fetch connects only
 * to what its one checked lookup said, so the second attempt is refused before any
 * connection). The job fails for good, the request says why, nothing is stored, and the
 * stand-in on 127.0.0.1 never sees a connection.
 */
class PrivateSourcesTests {

	private static final String SITE = "http://blog.example/";

	private static final String NOTE = SITE + "notes/target";

	/** example.com's address: public, so it passes the check (and goes nowhere here). */
	private static final String PUBLIC = "93.184.215.14";

	@TempDir
	static Path dataPath;

	private static RunningServer server;

	private static SourceSite sources;

	private static JobQueue queue;

	private static JdbcClient jdbc;

	static final AtomicInteger rebindLookups = new AtomicInteger();

	@BeforeAll
	static void start() {
		sources = SourceSite.start();
		server = RunningServer.start(dataPath, List.of(TestHosts.class), "SITE_URL=" + SITE, "JOB_MAX_ATTEMPTS=2",
				"starpunk.jobs.first-retry=200ms");
		server.context().getBean(NoteService.class).create("A target for private sources.", "target", true);
		queue = server.context().getBean(JobQueue.class);
		jdbc = server.context().getBean(JdbcClient.class);
		sources.html("/reply", "<div class=\"h-entry\"><a class=\"u-in-reply-to\" href=\"" + NOTE
				+ "\">re</a><p class=\"e-content\">Hello from inside.</p></div>");
	}

	@AfterAll
	static void stop() {
		server.close();
		sources.close();
	}

	@Test
	void aLoopbackSourceIsRefusedByDefault() {
		assertRefusedWithoutConnection(sources.url("127.0.0.1", "/reply"));
	}

	@Test
	void aNameThatResolvesToAPrivateAddressIsRefused() {
		assertRefusedWithoutConnection(sources.url("inside.test", "/reply"));
	}

	@Test
	void aNameThatResolvesToAPublicThenAPrivateAddressNeverReachesThePrivateOne() {
		assertRefusedWithoutConnection(sources.url("rebind.test", "/reply"));
		assertThat(rebindLookups).as("one lookup per attempt: the public answer, then the private one").hasValue(2);
	}

	private static void assertRefusedWithoutConnection(String source) {
		HttpResponse<String> accepted = Webmentions.send(server, source, NOTE);
		assertThat(accepted.statusCode()).as("the address is checked when the source is fetched").isEqualTo(202);
		await().atMost(Duration.ofSeconds(15)).until(() -> !Webmentions.status(server, accepted).contains("queued"));
		assertThat(Webmentions.status(server, accepted)).contains("state: refused", "refused");
		assertThat(queue.inState(Job.FAILED, 100)).anyMatch((job) -> job.payload().contains(source));
		assertThat(
				jdbc.sql("SELECT count(*) FROM mentions WHERE source = ?").param(source).query(Integer.class).single())
			.isZero();
		assertThat(sources.requests()).as("the stand-in on a private address saw no request").isZero();
	}

	/**
	 * {@code rebind.test} answers a public address, then 127.0.0.1; every other
	 * {@code *.test} name answers 127.0.0.1.
	 */
	@Configuration(proxyBeanMethods = false)
	static class TestHosts {

		@Bean
		HostLookup testHosts() {
			return (host) -> {
				if (host.equals("rebind.test")) {
					return new InetAddress[] {
							InetAddress.getByName((rebindLookups.incrementAndGet() == 1) ? PUBLIC : "127.0.0.1") };
				}
				return host.endsWith(".test") ? new InetAddress[] { InetAddress.getByName("127.0.0.1") }
						: InetAddress.getAllByName(host);
			};
		}

	}

}
