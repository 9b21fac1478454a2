package io.starpunk.micropub;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

import io.starpunk.support.MicropubClient;
import io.starpunk.support.MovableClock;
import io.starpunk.support.RunningServer;
import io.starpunk.support.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code SLUG_STYLE=timestamp} over real HTTP: notes created through Micropub are named
 * after the second they were created (UTC), numbered from {@code -1} within one second;
 * {@code mp-slug} still wins; and notes written before the switch keep their slugs, also
 * when they are edited.
 */
class TimestampSlugsTests {

	private static final String TOKEN = "slug-token-0123456789abcdef0123456789abcdef";

	private static final String OWNER = "https://owner.example/";

	/** A second the test chooses, near enough to now for the token's day of life. */
	private static final MovableClock clock = new MovableClock(
			Instant.now().truncatedTo(ChronoUnit.SECONDS).plusMillis(250));

	@TempDir
	static Path dataPath;

	static RunningServer server;

	static MicropubClient micropub;

	/** A note written while the server still named notes after their words. */
	static String olderNote;

	@BeforeAll
	static void start() throws Exception {
		try (RunningServer before = RunningServer.start(dataPath, List.of(), "SITE_URL=http://blog.test/",
				"ADMIN_ME=" + OWNER)) {
			TestTokens.insert(dataPath, TOKEN, OWNER, "create update");
			olderNote = new MicropubClient(before).form(TOKEN, "h", "entry", "content", "Written before the switch")
				.headers()
				.firstValue("Location")
				.orElseThrow();
		}
		server = RunningServer.start(dataPath, List.of(TestClock.class), "SITE_URL=http://blog.test/",
				"ADMIN_ME=" + OWNER, "SLUG_STYLE=timestamp");
		micropub = new MicropubClient(server);
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@Test
	void aCreateIsNamedAfterItsSecondAndTheNextInThatSecondGetsMinusOne() {
		clock.move(Duration.ofMinutes(1));
		String second = Slug.of(clock.instant());
		HttpResponse<String> first = micropub.form(TOKEN, "h", "entry", "content", "Hello in timestamp style");
		assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
		assertThat(location(first)).isEqualTo("http://blog.test/notes/" + second);
		clock.move(Duration.ofMillis(500));
		HttpResponse<String> sameSecond = micropub.json(TOKEN, """
				{"type": ["h-entry"], "properties": {"content": ["Hello again, same second"]}}""");
		assertThat(sameSecond.statusCode()).as(sameSecond.body()).isEqualTo(201);
		assertThat(location(sameSecond)).isEqualTo("http://blog.test/notes/" + second + "-1");
		assertThat(location(micropub.form(TOKEN, "h", "entry", "content", "And a third")))
			.isEqualTo("http://blog.test/notes/" + second + "-2");
		assertThat(server.get("/notes/" + second + "-1").body()).contains("Hello again, same second");
	}

	@Test
	void mpSlugStillWins() {
		clock.move(Duration.ofMinutes(1));
		HttpResponse<String> created = micropub.form(TOKEN, "h", "entry", "content", "Named by the app", "mp-slug",
				"My Chosen Name");
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		assertThat(location(created)).isEqualTo("http://blog.test/notes/my-chosen-name");
	}

	@Test
	void editingANoteKeepsItsSlug() {
		clock.move(Duration.ofMinutes(1));
		String created = location(micropub.form(TOKEN, "h", "entry", "content", "Before the edit"));
		clock.move(Duration.ofMinutes(5));
		for (String url : List.of(created, olderNote)) {
			HttpResponse<String> updated = micropub.json(TOKEN, """
					{"action": "update", "url": "%s", "replace": {"content": ["After the edit"]}}""".formatted(url));
			assertThat(updated.statusCode()).as(updated.body()).isEqualTo(204);
			String path = url.substring("http://blog.test".length());
			assertThat(server.get(path).body()).contains("After the edit");
		}
		assertThat(created).matches("http://blog\\.test/notes/[0-9]{14}");
		assertThat(olderNote).as("a note written under the words rule keeps its words")
			.isEqualTo("http://blog.test/notes/written-before-the-switch");
	}

	private static String location(HttpResponse<String> response) {
		return response.headers().firstValue("Location").orElseThrow();
	}

	/** The expected slug, computed here rather than by the server's code. */
	private static final class Slug {

		static String of(Instant instant) {
			var utc = instant.atZone(java.time.ZoneOffset.UTC);
			return "%04d%02d%02d%02d%02d%02d".formatted(utc.getYear(), utc.getMonthValue(), utc.getDayOfMonth(),
					utc.getHour(), utc.getMinute(), utc.getSecond());
		}

	}

	/** The movable clock in place of the system one. */
	@Configuration(proxyBeanMethods = false)
	static class TestClock {

		@Bean
		@Primary
		Clock movableClock() {
			return clock;
		}

	}

}
