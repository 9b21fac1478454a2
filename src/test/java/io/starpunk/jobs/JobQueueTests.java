package io.starpunk.jobs;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import io.starpunk.support.HtmlChecker;
import io.starpunk.support.OwnerClient;
import io.starpunk.support.RunningServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The job queue on a real server and a real SQLite file: a job runs once and is done; one
 * that throws is tried again with the backoff and marked failed after
 * {@code JOB_MAX_ATTEMPTS} with its error; a job added in a transaction that rolls back
 * never exists; a job due later waits; a keyed job replaces the one waiting; the owner
 * sees and retries jobs on {@code /admin/jobs}.
 */
class JobQueueTests {

	@TempDir
	static Path dataPath;

	private static RunningServer server;

	private static JobQueue queue;

	private static JdbcClient jdbc;

	@BeforeAll
	static void start() {
		server = RunningServer.start(dataPath, List.of(TestHandlers.class), "JOB_MAX_ATTEMPTS=3",
				"starpunk.jobs.first-retry=200ms", "ADMIN_PASSWORD=" + OwnerClient.PASSWORD);
		queue = server.context().getBean(JobQueue.class);
		jdbc = server.context().getBean(JdbcClient.class);
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@Test
	void aJobRunsOnceAndIsDone() {
		long id = queue.add("test-record", Map.of("word", "once"));
		await().atMost(Duration.ofSeconds(10)).until(() -> state(id).equals(Job.DONE));
		Job job = queue.find(id).orElseThrow();
		assertThat(job.attempts()).isEqualTo(1);
		assertThat(job.result()).isEqualTo("recorded once");
		assertThat(job.finishedAt()).isNotNull();
		assertThat(TestHandlers.recorded).containsOnlyOnce("once");
		// the write the outcome asked for committed with it
		assertThat(jdbc.sql("SELECT count(*) FROM blocked_domains WHERE domain = 'once.example'")
			.query(Integer.class)
			.single()).isEqualTo(1);
	}

	@Test
	void aJobThatThrowsIsTriedAgainThenFailsWithItsError() {
		long id = queue.add("test-flaky", Map.of("key", "always", "failures", 99));
		await().atMost(Duration.ofSeconds(20)).until(() -> state(id).equals(Job.FAILED));
		Job job = queue.find(id).orElseThrow();
		assertThat(job.attempts()).isEqualTo(3);
		assertThat(job.lastError()).isEqualTo("The stand-in refused attempt 3");
		assertThat(TestHandlers.attempts.get("always")).hasValue(3);
	}

	@Test
	void aJobThatFailsOnceSucceedsOnItsSecondAttempt() {
		long id = queue.add("test-flaky", Map.of("key", "once", "failures", 1));
		await().atMost(Duration.ofSeconds(10)).until(() -> state(id).equals(Job.DONE));
		Job job = queue.find(id).orElseThrow();
		assertThat(job.attempts()).isEqualTo(2);
		assertThat(job.lastError()).isEqualTo("The stand-in refused attempt 1");
		assertThat(job.result()).isEqualTo("succeeded on attempt 2");
	}

	@Test
	void aJobAddedInATransactionThatRollsBackNeverExists() {
		TransactionTemplate transactions = server.context().getBean(TransactionTemplate.class);
		int before = jdbc.sql("SELECT count(*) FROM jobs").query(Integer.class).single();
		transactions.executeWithoutResult((status) -> {
			queue.add("test-record", Map.of("word", "rolled-back"));
			status.setRollbackOnly();
		});
		assertThat(jdbc.sql("SELECT count(*) FROM jobs").query(Integer.class).single()).isEqualTo(before);
		assertThat(
				jdbc.sql("SELECT count(*) FROM jobs WHERE payload LIKE '%rolled-back%'").query(Integer.class).single())
			.isZero();
	}

	@Test
	void aJobDueLaterWaitsAndAKeyedJobReplacesTheOneWaiting() {
		Instant later = Instant.now().plusSeconds(3600);
		long first = queue.add("test-record", Map.of("word", "first"), later, "same");
		long second = queue.add("test-record", Map.of("word", "second"), later, "same");
		assertThat(second).isEqualTo(first);
		Job job = queue.find(first).orElseThrow();
		assertThat(job.state()).isEqualTo(Job.PENDING);
		assertThat(job.payload()).contains("second").doesNotContain("first");
		assertThat(queue.inState(Job.PENDING, 100)).extracting(Job::id).containsOnlyOnce(first);
	}

	@Test
	void theOwnerSeesFailedJobsWithTheirErrorAndRunsThemAgain() {
		long id = queue.add("test-flaky", Map.of("key", "admin", "failures", 3));
		await().atMost(Duration.ofSeconds(20)).until(() -> state(id).equals(Job.FAILED));
		OwnerClient owner = OwnerClient.signIn(server, OwnerClient.PASSWORD);
		HttpResponse<String> page = owner.get("/admin/jobs");
		assertThat(page.statusCode()).isEqualTo(200);
		Document document = Jsoup.parse(page.body());
		var failed = document.selectFirst("[data-job-id=" + id + "]");
		assertThat(failed).isNotNull();
		assertThat(failed.attr("data-job-state")).isEqualTo(Job.FAILED);
		assertThat(failed.text()).contains("test-flaky").contains("The stand-in refused attempt 3");
		List<HtmlChecker.Message> messages = HtmlChecker.check(page.body());
		assertThat(messages).as("the Nu Html Checker on /admin/jobs")
			.noneMatch((message) -> message.kind() == HtmlChecker.Message.Kind.ERROR)
			.noneMatch((message) -> message.text().contains("lacks heading"));
		HttpResponse<String> retried = owner.post("/admin/jobs/" + id + "/retry", Map.of());
		assertThat(retried.statusCode()).isEqualTo(303);
		// the fourth attempt overall succeeds: the stand-in refuses only three
		await().atMost(Duration.ofSeconds(10)).until(() -> state(id).equals(Job.DONE));
		assertThat(queue.find(id).orElseThrow().result()).isEqualTo("succeeded on attempt 1");
		assertThat(owner.post("/admin/jobs/999999/retry", Map.of()).statusCode()).isEqualTo(404);
		assertThat(owner.postWithoutCsrf("/admin/jobs/" + id + "/retry", Map.of()).statusCode()).isEqualTo(403);
		assertThat(OwnerClient.anonymous(server).get("/admin/jobs").statusCode()).isIn(302, 303);
	}

	@Test
	void aJobOfAKindNoHandlerRunsFailsAtOnce() {
		long id = queue.add("test-unknown-kind", Map.of());
		await().atMost(Duration.ofSeconds(10)).until(() -> state(id).equals(Job.FAILED));
		assertThat(queue.find(id).orElseThrow().lastError()).contains("test-unknown-kind");
	}

	@Test
	void aLocalJobRunsWhileEveryOtherWorkerWaitsOnASlowSite() throws Exception {
		long first = queue.add("test-block", Map.of());
		long second = queue.add("test-block", Map.of());
		try {
			await().atMost(Duration.ofSeconds(10))
				.until(() -> state(first).equals(Job.RUNNING) && state(second).equals(Job.RUNNING));
			long local = queue.add("test-local", Map.of());
			await().atMost(Duration.ofSeconds(10)).until(() -> state(local).equals(Job.DONE));
			assertThat(state(first)).isEqualTo(Job.RUNNING);
			assertThat(state(second)).isEqualTo(Job.RUNNING);
		}
		finally {
			TestHandlers.slowSite.countDown();
		}
		await().atMost(Duration.ofSeconds(10))
			.until(() -> state(first).equals(Job.DONE) && state(second).equals(Job.DONE));
	}

	@Test
	void theBackoffDoublesUpToSixHours() {
		JobWorker worker = server.context().getBean(JobWorker.class);
		assertThat(worker.backoff(1)).isEqualTo(Duration.ofMillis(200));
		assertThat(worker.backoff(2)).isEqualTo(Duration.ofMillis(400));
		assertThat(worker.backoff(4)).isEqualTo(Duration.ofMillis(1600));
		assertThat(worker.backoff(60)).isEqualTo(JobWorker.LONGEST_WAIT);
	}

	private static String state(long id) {
		return queue.find(id).map(Job::state).orElse("missing");
	}

	@Configuration(proxyBeanMethods = false)
	static class TestHandlers {

		static final ConcurrentLinkedQueue<String> recorded = new ConcurrentLinkedQueue<>();

		static final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

		static final CountDownLatch slowSite = new CountDownLatch(1);

		@Bean
		JobHandler blockingHandler() {
			return new JobHandler() {
				@Override
				public String kind() {
					return "test-block";
				}

				@Override
				public JobOutcome run(JobRun job) throws InterruptedException {
					slowSite.await(30, TimeUnit.SECONDS);
					return JobOutcome.done("the slow site answered");
				}
			};
		}

		@Bean
		JobHandler localHandler() {
			return new JobHandler() {
				@Override
				public String kind() {
					return "test-local";
				}

				@Override
				public boolean local() {
					return true;
				}

				@Override
				public JobOutcome run(JobRun job) {
					return JobOutcome.done("ran here");
				}
			};
		}

		@Bean
		JobHandler recordingHandler(JdbcClient jdbc) {
			return new JobHandler() {
				@Override
				public String kind() {
					return "test-record";
				}

				@Override
				public JobOutcome run(JobRun job) {
					String word = job.payloadTree().get("word").asString();
					recorded.add(word);
					return JobOutcome.done("recorded " + word,
							() -> jdbc.sql("INSERT INTO blocked_domains (domain, blocked_at) VALUES (?, ?)")
								.params(word + ".example", "2026-01-01 00:00:00")
								.update());
				}
			};
		}

		@Bean
		JobHandler flakyHandler() {
			return new JobHandler() {
				@Override
				public String kind() {
					return "test-flaky";
				}

				@Override
				public JobOutcome run(JobRun job) {
					String key = job.payloadTree().get("key").asString();
					int failures = job.payloadTree().get("failures").asInt();
					int attempt = attempts.computeIfAbsent(key, (k) -> new AtomicInteger()).incrementAndGet();
					if (attempt <= failures) {
						throw new IllegalStateException("The stand-in refused attempt " + job.attempt());
					}
					return JobOutcome.done("succeeded on attempt " + job.attempt());
				}
			};
		}

	}

}
