package db.migration;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.starpunk.support.RunningServer;
import io.starpunk.support.Sqlite;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The merge V6.1 makes into a note's properties, on a database made by the real
 * migrations: what a note has is kept as it was, and nothing is added twice.
 */
class NotePropertyAdditionsTests {

	@Test
	void addsToWhatANoteHasWithoutRepeatingAPhotoOrACategoryAndKeepsTheRest(@TempDir Path temp) throws Exception {
		Path dataPath = temp.resolve("data");
		try (RunningServer server = RunningServer.start(dataPath)) {
			assertThat(server.get("/health").statusCode()).isEqualTo(200);
		}
		Path database = dataPath.resolve("starpunk.db");
		Sqlite.execute(database,
				"""
						INSERT INTO notes (id, slug, file_path, published, content_hash) VALUES
						(1, 'kept', 'notes/2025/12/kept.md', 1, 'x'), (2, 'bare', 'notes/2025/12/bare.md', 1, 'y');
						INSERT INTO note_properties (note_id, properties, content_format) VALUES
						(1, '{"name":["Kept"],"category":["indieweb"],"rating":[4.50],"photo":["https://blog.example/a.jpg"]}', 'html');
						""");

		try (Connection connection = Sqlite.open(database)) {
			NotePropertyAdditions.add(connection, 1, Map.of("category", List.of("IndieWeb", "Coffee"), "photo",
					List.of("https://blog.example/a.jpg", photo("https://blog.example/b.jpg", "B"))));
			NotePropertyAdditions.add(connection, 2, Map.of("category", List.of("Writing")));
		}

		assertThat(Sqlite.rows(database, "SELECT note_id, properties, content_format FROM note_properties ORDER BY 1"))
			.containsExactly(Map.of("note_id", "1", "properties",
					"{\"name\":[\"Kept\"],\"category\":[\"indieweb\",\"Coffee\"],\"rating\":[4.50],"
							+ "\"photo\":[\"https://blog.example/a.jpg\",{\"value\":\"https://blog.example/b.jpg\",\"alt\":\"B\"}]}",
					"content_format", "html"),
					Map.of("note_id", "2", "properties", "{\"category\":[\"Writing\"]}", "content_format", "markdown"));
	}

	private static Map<String, Object> photo(String url, String alt) {
		Map<String, Object> photo = new LinkedHashMap<>();
		photo.put("value", url);
		photo.put("alt", alt);
		return photo;
	}

}
