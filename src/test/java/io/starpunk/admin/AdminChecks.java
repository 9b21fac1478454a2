package io.starpunk.admin;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import io.starpunk.notes.Note;
import io.starpunk.notes.NoteFilter;
import io.starpunk.notes.NoteService;
import io.starpunk.notes.Notes;
import io.starpunk.support.OwnerClient;
import io.starpunk.support.RunningServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every admin page must have, and the server the admin tests share.
 */
final class AdminChecks {

	/** Plain http: the session and CSRF cookies are marked Secure on an https site. */
	static final String SITE_URL = "http://blog.example/";

	static final String[] PROPERTIES = { "SITE_URL=" + SITE_URL, "SITE_NAME=Test Site",
			"ADMIN_PASSWORD=" + OwnerClient.PASSWORD };

	private AdminChecks() {
	}

	/**
	 * A page in the owner's layout: HTML, never cached, the admin stylesheet, no inline
	 * script (scripts only from this site's {@code /js/}) and no inline style.
	 */
	static Document assertAdminPage(HttpResponse<String> response, int status) {
		assertThat(response.statusCode()).as(response.uri().toString()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html;charset=UTF-8");
		assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
		assertThat(response.body()).startsWith("<!doctype html>");
		assertThat(response.body()).doesNotContain("style=", "Whitelabel", "Exception", "\tat ");
		Document page = Jsoup.parse(response.body(), SITE_URL);
		for (Element script : page.select("script")) {
			assertThat(script.data()).as("no inline script").isEmpty();
			assertThat(script.attr("src")).as("scripts from this site only").startsWith("/js/");
		}
		assertThat(page.select("body.owner")).hasSize(1);
		assertThat(page.select("head > link[rel=stylesheet]").eachAttr("href")).contains(SITE_URL + "css/admin.css");
		assertThat(page.select("main h1")).hasSize(1);
		return page;
	}

	static void assertRedirect(HttpResponse<String> response, String location) {
		assertThat(response.statusCode()).isEqualTo(303);
		assertThat(response.headers().firstValue("Location")).hasValue(location);
	}

	static Element only(Document page, String selector) {
		assertThat(page.select(selector)).as(selector).hasSize(1);
		return page.selectFirst(selector);
	}

	/** Purges every note, deleted or not, so that a test starts from none. */
	static void purgeAll(RunningServer server) {
		NoteService noteService = server.context().getBean(NoteService.class);
		Notes notes = server.context().getBean(Notes.class);
		List<Note> all = new ArrayList<>(notes.list(NoteFilter.ALL, 0, Notes.MAX_PAGE));
		all.addAll(notes.list(NoteFilter.DELETED, 0, Notes.MAX_PAGE));
		all.forEach((note) -> noteService.purge(note.id()));
		assertThat(notes.list(NoteFilter.ALL, 0, 1)).isEmpty();
	}

}
