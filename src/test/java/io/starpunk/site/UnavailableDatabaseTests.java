package io.starpunk.site;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.starpunk.notes.NoteService;
import io.starpunk.support.RunningServer;
import io.starpunk.support.Sqlite;

import static io.starpunk.site.PageChecks.assertSitePage;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The public pages and feeds when the database does not answer: another process holding
 * its write lock changes nothing for readers (WAL), and a database file that cannot be
 * opened is a 503 with {@code Retry-After} (an HTML page, or plain text for a feed),
 * never a 500, while a page rendered before is still served from its last good bytes and
 * a 503 is never kept.
 */
class UnavailableDatabaseTests {

	@Test
	void anotherProcessHoldingTheWriteLockLeavesEveryPageReadable(@TempDir Path data) throws Exception {
		try (RunningServer server = start(data)) {
			NoteService notes = server.context().getBean(NoteService.class);
			notes.create("Written before the lock", "before-the-lock", true);
			try (Connection other = Sqlite.open(data.resolve("starpunk.db"));
					Statement lock = other.createStatement()) {
				lock.execute("BEGIN EXCLUSIVE");
				try {
					for (String path : List.of("/", "/feed.xml", "/feed.json", "/feed.atom", "/tags",
							"/notes/before-the-lock")) {
						HttpResponse<String> response = server.get(path);
						assertThat(response.statusCode()).as(path).isEqualTo(200);
						assertThat(response.body()).as(path)
							.contains(path.equals("/tags") ? "<h1>Tags</h1>" : "Written before the lock");
					}
				}
				finally {
					lock.execute("ROLLBACK");
				}
			}
		}
	}

	@Test
	void aDatabaseThatCannotBeOpenedIsA503AndKeptPagesAreStillServed(@TempDir Path data) throws Exception {
		try (RunningServer server = start(data)) {
			NoteService notes = server.context().getBean(NoteService.class);
			notes.create("The first note", "first", true);
			assertThat(server.get("/").body()).contains("The first note");
			notes.create("The second note", "second", true);
			Path database = data.resolve("starpunk.db");
			Path away = data.resolve("starpunk.db.away");
			HikariDataSource pool = server.context().getBean(DataSource.class).unwrap(HikariDataSource.class);
			pool.getHikariPoolMXBean().softEvictConnections();
			Files.move(database, away);
			Files.createDirectory(database);
			try {
				HttpResponse<String> kept = server.get("/");
				assertThat(kept.statusCode()).isEqualTo(200);
				assertThat(kept.body()).contains("The first note").doesNotContain("The second note");

				HttpResponse<String> page = server.get("/notes/second");
				assertThat(page.statusCode()).isEqualTo(503);
				assertThat(page.headers().firstValue("Retry-After")).hasValue("5");
				assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
				Document document = assertSitePage(page);
				assertThat(document.select("main h1").text()).isEqualTo("Try again in a moment");

				HttpResponse<String> feed = server.get("/feed.json");
				assertThat(feed.statusCode()).isEqualTo(503);
				assertThat(feed.headers().firstValue("Retry-After")).hasValue("5");
				assertThat(feed.headers().firstValue("Content-Type")).hasValue("text/plain;charset=UTF-8");
				assertThat(feed.body()).contains("Try again in a few seconds").doesNotContain("Exception");
			}
			finally {
				Files.delete(database);
				Files.move(away, database);
			}
			HttpResponse<String> home = server.get("/");
			assertThat(home.statusCode()).isEqualTo(200);
			assertThat(home.body()).contains("The second note");
			assertThat(server.get("/notes/second").statusCode()).isEqualTo(200);
			HttpResponse<String> feed = server.get("/feed.json");
			assertThat(feed.statusCode()).isEqualTo(200);
			assertThat(feed.body()).contains("The second note");
		}
	}

	private static RunningServer start(Path data) {
		List<String> properties = new ArrayList<>(List.of(PageChecks.PROPERTIES));
		properties.add("DATABASE_BUSY_TIMEOUT=200ms");
		return RunningServer.start(data, List.of(), properties.toArray(String[]::new));
	}

}
