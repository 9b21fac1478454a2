package io.starpunk.webmention;

import java.net.InetAddress;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

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
 * Sources that misbehave, over real HTTP against stand-ins on 127.0.0.1
 * ({@code FETCH_ALLOW_PRIVATE=true}), with one attempt per job so that each ends at once:
 * a gigabyte streamed (cut at 1 MB, the mention still verified from what was read, the
 * stand-in never allowed to write it all), an answer that never finishes (the job ends
 * within the 10 s cap), a redirect loop (ends after 5 redirects), and a thousand
 * webmentions from one host (60 accepted, the rest 429 with Retry-After, no 5xx, the
 * queue and the request table grown by 60 at most).
 */
class HostileSourcesTests {

	private static final String SITE = "http://blog.example/";

	private static final String NOTE = SITE + "notes/target";

	@TempDir
	static Path dataPath;

	private static RunningServer server;

	private static SourceSite sources;

	private static JobQueue queue;

	private static JdbcClient jdbc;

	@BeforeAll
	static void start() {
		sources = SourceSite.start();
		server = RunningServer.start(dataPath, List.of(TestHosts.class), "SITE_URL=" + SITE, "FETCH_ALLOW_PRIVATE=true",
				"JOB_MAX_ATTEMPTS=1");
		server.context().getBean(NoteService.class).create("A target for hostile sources.", "target", true);
		queue = server.context().getBean(JobQueue.class);
		jdbc = server.context().getBean(JdbcClient.class);
	}

	@AfterAll
	static void stop() {
		server.close();
		sources.close();
	}

	@Test
	void aGigabyteSourceIsCutAtOneMegabyte() {
		long gigabyte = 1024L * 1024 * 1024;
		sources.endless("/huge",
				"<html><body><div class=\"h-entry\"><a class=\"u-like-of\" href=\"" + NOTE + "\">liked</a></div>",
				gigabyte);
		String source = sources.url("huge.test", "/huge");
		long started = System.nanoTime();
		HttpResponse<String> accepted = Webmentions.send(server, source, NOTE);
		assertThat(accepted.statusCode()).isEqualTo(202);
		await().atMost(Duration.ofSeconds(15)).until(() -> !Webmentions.status(server, accepted).contains("queued"));
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
		assertThat(Webmentions.status(server, accepted)).contains("state: verified");
		assertThat(jdbc.sql("SELECT kind FROM mentions WHERE source = ?").param(source).query(String.class).single())
			.isEqualTo("like");
		// what the stand-in could push into socket buffers, not the gigabyte
		assertThat(sources.written()).isLessThan(64L * 1024 * 1024);
	}

	@Test
	void aSourceThatNeverFinishesAnsweringEndsWithinTheTimeLimit() {
		sources.stalled("/slow");
		long started = System.nanoTime();
		HttpResponse<String> accepted = Webmentions.send(server, sources.url("slow.test", "/slow"), NOTE);
		assertThat(accepted.statusCode()).isEqualTo(202);
		await().atMost(Duration.ofSeconds(14)).until(() -> !Webmentions.status(server, accepted).contains("queued"));
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(14));
		assertThat(Webmentions.status(server, accepted)).contains("state: refused", "did not answer within 10000 ms");
		assertThat(failedJobErrors()).anyMatch((error) -> error.contains("slow.test"));
	}

	@Test
	void aRedirectLoopEndsAfterFiveRedirects() {
		sources.redirect("/loop", "/loop");
		HttpResponse<String> accepted = Webmentions.send(server, sources.url("loop.test", "/loop"), NOTE);
		assertThat(accepted.statusCode()).isEqualTo(202);
		await().atMost(Duration.ofSeconds(10)).until(() -> !Webmentions.status(server, accepted).contains("queued"));
		assertThat(Webmentions.status(server, accepted)).contains("state: refused", "More than 5 redirects");
		assertThat(
				jdbc.sql("SELECT count(*) FROM mentions WHERE source_host = 'loop.test'").query(Integer.class).single())
			.isZero();
	}

	@Test
	void aThousandWebmentionsFromOneHostFillNeitherTheQueueNorTheDisk() {
		int jobsBefore = count("SELECT count(*) FROM jobs");
		int requestsBefore = count("SELECT count(*) FROM webmention_requests");
		int accepted = 0;
		int limited = 0;
		long started = System.nanoTime();
		for (int i = 0; i < 1000; i++) {
			HttpResponse<String> response = Webmentions.send(server, sources.url("flood.test", "/post/" + i), NOTE);
			assertThat(response.statusCode()).as("request " + i).isIn(202, 429);
			if (response.statusCode() == 202) {
				accepted++;
			}
			else {
				limited++;
				assertThat(response.headers().firstValue("Retry-After"))
					.hasValueSatisfying((seconds) -> assertThat(Integer.parseInt(seconds)).isBetween(1, 60));
			}
		}
		long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds() + 1;
		assertThat(accepted).as("a burst of 60, then one a second while the loop ran (%d s)", seconds)
			.isBetween(60, 60 + (int) seconds);
		assertThat(limited).isEqualTo(1000 - accepted);
		assertThat(count("SELECT count(*) FROM jobs") - jobsBefore).isEqualTo(accepted);
		assertThat(count("SELECT count(*) FROM webmention_requests") - requestsBefore).isEqualTo(accepted);
		await().atMost(Duration.ofSeconds(30)).until(queue::idle);
	}

	private static int count(String sql) {
		return jdbc.sql(sql).query(Integer.class).single();
	}

	private static List<String> failedJobErrors() {
		return queue.inState(Job.FAILED, 100).stream().map((job) -> String.valueOf(job.lastError())).toList();
	}

	/** Every {@code *.test} name is the stand-in site on 127.0.0.1. */
	@Configuration(proxyBeanMethods = false)
	static class TestHosts {

		@Bean
		HostLookup testHosts() {
			return (host) -> host.endsWith(".test") ? new InetAddress[] { InetAddress.getByName("127.0.0.1") }
					: InetAddress.getAllByName(host);
		}

	}

}
