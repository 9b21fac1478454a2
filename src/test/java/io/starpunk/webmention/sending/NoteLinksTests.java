package io.starpunk.webmention.sending;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.starpunk.config.StarpunkSettings;
import io.starpunk.notes.NewNote;
import io.starpunk.notes.Note;
import io.starpunk.notes.NoteProperties;
import io.starpunk.notes.NoteService;
import io.starpunk.support.RunningServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The targets of a note: the response properties first (a URL or an h-cite's
 * {@code url}), then the links its page shows, resolved against the note's URL, http(s)
 * only, without fragments, each once, the note itself left out. Nothing is fetched: the
 * only targets are on {@code example} hosts.
 */
class NoteLinksTests {

	@TempDir
	static Path dataPath;

	private static RunningServer server;

	@BeforeAll
	static void start() {
		server = RunningServer.start(dataPath, List.of(), "SITE_URL=https://blog.example/");
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@Test
	void aNotesTargetsAreItsResponsePropertiesAndTheLinksItsPageShows() {
		Map<String, List<Object>> properties = new LinkedHashMap<>();
		properties.put("in-reply-to", List.of(Map.of("type", List.of("h-cite"), "properties",
				Map.of("url", List.of("https://a.example/post"), "name", List.of("A post")))));
		properties.put("like-of", List.of("https://b.example/liked#photo"));
		properties.put("repost-of", List.of("ftp://c.example/file"));
		properties.put("bookmark-of", List.of(Map.of("value", "https://d.example/kept")));
		properties.put("category", List.of("https://e.example/not-a-response"));
		String markdown = """
				Replying to [a](https://a.example/post), see [the top](#top), [mail](mailto:me@f.example),
				[my about page](/about), [a section](https://g.example/page#section) and
				[the same page](https://g.example/page), and https://h.example/bare.
				""";
		Note note = server.context()
			.getBean(NoteService.class)
			.create(new NewNote(markdown, "links", false, null, new NoteProperties(properties, false)));
		URI source = server.context().getBean(StarpunkSettings.class).url("notes", note.slug());
		assertThat(server.context().getBean(NoteLinks.class).of(note, source)).map(URI::toString)
			.containsExactly("https://a.example/post", "https://b.example/liked", "https://d.example/kept",
					"https://blog.example/about", "https://g.example/page", "https://h.example/bare");
	}

}
