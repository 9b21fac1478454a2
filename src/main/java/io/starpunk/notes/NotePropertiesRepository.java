package io.starpunk.notes;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code note_properties} table (V005): one JSON object per note that has more than
 * Markdown text. A note without a row has {@link NoteProperties#NONE}.
 */
@Repository
class NotePropertiesRepository {

	private static final TypeReference<Map<String, List<Object>>> PROPERTIES = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final JsonMapper json;

	/**
	 * Reads the stored JSON with numbers as exact as they were written: a decimal as a
	 * {@link java.math.BigDecimal}, never rounded to a double.
	 */
	private final ObjectReader reader;

	NotePropertiesRepository(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
		this.reader = json.readerFor(PROPERTIES).with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
	}

	NoteProperties find(long noteId) {
		Optional<NoteProperties> found = this.jdbc
			.sql("SELECT properties, content_format FROM note_properties WHERE note_id = ?")
			.param(noteId)
			.query((row, number) -> new NoteProperties(this.reader.readValue(row.getString("properties")),
					"html".equals(row.getString("content_format"))))
			.optional();
		return found.orElse(NoteProperties.NONE);
	}

	/**
	 * The properties of several notes in one query.
	 * @param noteIds the notes
	 * @return the properties of each note that has any
	 */
	Map<Long, NoteProperties> findAll(Collection<Long> noteIds) {
		if (noteIds.isEmpty()) {
			return Map.of();
		}
		Map<Long, NoteProperties> found = new HashMap<>();
		this.jdbc.sql("SELECT note_id, properties, content_format FROM note_properties WHERE note_id IN (:ids)")
			.param("ids", noteIds)
			.query((row) -> {
				found.put(row.getLong("note_id"), new NoteProperties(this.reader.readValue(row.getString("properties")),
						"html".equals(row.getString("content_format"))));
			});
		return found;
	}

	/** Writes a note's properties; a note with none has its row removed. */
	void save(long noteId, NoteProperties properties) {
		if (properties.values().isEmpty() && !properties.html()) {
			this.jdbc.sql("DELETE FROM note_properties WHERE note_id = ?").param(noteId).update();
			return;
		}
		this.jdbc.sql("""
				INSERT INTO note_properties (note_id, properties, content_format) VALUES (:id, :properties, :format)
				ON CONFLICT (note_id) DO UPDATE SET properties = excluded.properties,
				content_format = excluded.content_format
				""")
			.param("id", noteId)
			.param("properties", this.json.writeValueAsString(properties.values()))
			.param("format", properties.html() ? "html" : "markdown")
			.update();
	}

	/**
	 * The string categories of every note that has properties, as
	 * {@link NoteProperties#categories()} gives them.
	 */
	Map<Long, List<String>> allCategories() {
		Map<Long, List<String>> found = new HashMap<>();
		this.jdbc.sql("SELECT note_id, properties FROM note_properties").query((row) -> {
			NoteProperties properties = new NoteProperties(this.reader.readValue(row.getString("properties")), false);
			found.put(row.getLong("note_id"), properties.categories());
		});
		return found;
	}

	void delete(long noteId) {
		this.jdbc.sql("DELETE FROM note_properties WHERE note_id = ?").param(noteId).update();
	}

}
