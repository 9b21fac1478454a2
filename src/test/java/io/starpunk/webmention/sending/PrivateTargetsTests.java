package io.starpunk.webmention.sending;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.jdbc.core.simple.JdbcClient;

import io.starpunk.jobs.Job;
import io.starpunk.jobs.JobQueue;
import io.starpunk.support.MicropubClient;
import io.starpunk.support.RunningServer;
import io.starpunk.support.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With the default {@code FETCH_ALLOW_PRIVATE=false}, a note that links to a page on a
 * loopback address sends it nothing: the send job fails at once, saying why, and the
 * stand-in never hears from the server.
 */
class PrivateTargetsTests {

	private static final String TOKEN = "private-targets-token";

	@TempDir
	static Path dataPath;

	private static RunningServer server;

	private static StandInRocks rocks;

	@BeforeAll
	static void start() throws Exception {
		rocks = StandInRocks.start();
		server = RunningServer.start(dataPath, List.of(), "ADMIN_ME=https://owner.example/");
		TestTokens.insert(dataPath, TOKEN, "https://owner.example/", "create update delete");
	}

	@AfterAll
	static void stop() {
		server.close();
		rocks.close();
	}

	@Test
	void aTargetOnALoopbackAddressIsRefusedByDefault() {
		URI target = rocks.target(rocks.cases().get(0));
		HttpResponse<String> created = new MicropubClient(server).form(TOKEN, "h", "entry", "content",
				"A link to [a private page](" + target + ").");
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		String source = created.headers().firstValue("Location").orElseThrow();
		JdbcClient jdbc = server.context().getBean(JdbcClient.class);
		JobQueue queue = server.context().getBean(JobQueue.class);
		await().atMost(Duration.ofSeconds(15))
			.until(() -> jdbc
				.sql("SELECT count(*) FROM jobs WHERE kind = 'webmention-send' AND state = 'failed'"
						+ " AND json_extract(payload, '$.source') = ?")
				.param(source)
				.query(Integer.class)
				.single() == 1);
		long id = jdbc
			.sql("SELECT id FROM jobs WHERE kind = 'webmention-send' AND json_extract(payload, '$.target') = ?")
			.param(target.toString())
			.query(Long.class)
			.single();
		Job job = queue.find(id).orElseThrow();
		assertThat(job.attempts()).isEqualTo(1);
		assertThat(job.result()).startsWith("Could not fetch " + target + " to find its webmention endpoint: ")
			.contains("not a public address");
		assertThat(rocks.requests()).isEmpty();
	}

}
