package io.starpunk.search;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

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
 * What the search tests share: the server's settings, reading a results page as a reader
 * (and a microformats parser) would, and starting from no notes.
 */
final class SearchChecks {

	/** Plain http, so that the owner's cookies work for the admin search too. */
	static final String SITE_URL = "http://blog.example/";

	static final String[] PROPERTIES = { "SITE_URL=" + SITE_URL, "SITE_NAME=Test Site",
			"ADMIN_PASSWORD=" + OwnerClient.PASSWORD };

	private SearchChecks() {
	}

	static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	/** {@code /search?q=...}, the query encoded. */
	static String search(String query) {
		return "/search?q=" + encode(query);
	}

	/**
	 * A page of the site's layout: HTML, the header's search box, no script, no inline
	 * style, ids unique, no error page of the container.
	 */
	static Document assertSitePage(HttpResponse<String> response, int status) {
		assertThat(response.statusCode()).as(response.uri().toString()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html;charset=UTF-8");
		assertThat(response.headers().firstValue("Content-Security-Policy")).isPresent();
		assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		assertThat(response.body()).startsWith("<!doctype html>");
		assertThat(response.body()).doesNotContain("Whitelabel", "<script", "style=", "Exception", "\tat ");
		Document page = Jsoup.parse(response.body(), SITE_URL);
		assertThat(page.selectFirst("html").attr("lang")).isEqualTo("en");
		assertThat(page.select("head > title").text()).isNotBlank();
		assertThat(page.select("head > link[rel=stylesheet]").attr("href")).isEqualTo(SITE_URL + "css/site.css");
		assertSearchBox(page.selectFirst("header form[role=search]"), "site-search-q");
		Set<String> ids = new HashSet<>();
		page.select("[id]")
			.forEach((element) -> assertThat(ids.add(element.id())).as("unique id " + element.id()).isTrue());
		return page;
	}

	/** Any page of the site, whatever its status, parsed. */
	static Document parseAnyStatus(HttpResponse<String> response) {
		assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html;charset=UTF-8");
		return Jsoup.parse(response.body(), SITE_URL);
	}

	/** A search form: GET /search, a labelled search field named q, a submit button. */
	static void assertSearchBox(Element form, String fieldId) {
		assertThat(form).isNotNull();
		assertThat(form.attr("action")).isEqualTo("/search");
		assertThat(form.attr("method")).isEqualTo("get");
		Element field = form.selectFirst("input[type=search][name=q]");
		assertThat(field.id()).isEqualTo(fieldId);
		assertThat(form.select("label[for=" + fieldId + "]").text()).isNotBlank();
		assertThat(form.select("button[type=submit]").text()).isEqualTo("Search");
	}

	/** The results page's one h-feed. */
	static Element feed(Document page) {
		assertThat(page.select(".h-feed")).hasSize(1);
		return page.selectFirst(".h-feed");
	}

	/** The u-url of each h-entry of the results, in order. */
	static List<String> urls(Document page) {
		return feed(page).select(".h-entry").stream().map((entry) -> entry.selectFirst(".u-url").attr("href")).toList();
	}

	/** The path and query of an absolute link on the test site. */
	static String local(String absolute) {
		assertThat(absolute).startsWith(SITE_URL);
		URI uri = URI.create(absolute);
		return uri.getRawPath() + ((uri.getRawQuery() != null) ? "?" + uri.getRawQuery() : "");
	}

	static String permalink(Note note) {
		return SITE_URL + "notes/" + note.slug();
	}

	/** Purges every note, so that a test starts from none. */
	static void purgeAll(RunningServer server) {
		NoteService noteService = server.context().getBean(NoteService.class);
		Notes notes = server.context().getBean(Notes.class);
		List<Note> all = new java.util.ArrayList<>(notes.list(NoteFilter.ALL, 0, Notes.MAX_PAGE));
		all.addAll(notes.list(NoteFilter.DELETED, 0, Notes.MAX_PAGE));
		all.forEach((note) -> noteService.purge(note.id()));
	}

}
