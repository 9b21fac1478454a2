package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import io.starpunk.notes.TagNames;

/**
 * Adds values to a note's {@code note_properties} JSON (V005) from a migration, keeping
 * what is there: the object's other properties, its values, their order and their numbers
 * exactly (decimals read as {@link java.math.BigDecimal}).
 */
final class NotePropertyAdditions {

	private static final TypeReference<LinkedHashMap<String, Object>> OBJECT = new TypeReference<>() {
	};

	private static final JsonMapper json = JsonMapper.builder()
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.build();

	private NotePropertyAdditions() {
	}

	/**
	 * Adds photos and categories to a note's properties, keeping what it has: a photo
	 * whose URL is there already, or a category with the same normalised name, is not
	 * added again.
	 */
	static void add(Connection connection, long note, Map<String, List<Object>> additions) throws SQLException {
		Map<String, Object> properties = new LinkedHashMap<>();
		try (PreparedStatement select = connection
			.prepareStatement("SELECT properties FROM note_properties WHERE note_id = ?")) {
			select.setLong(1, note);
			try (ResultSet rows = select.executeQuery()) {
				if (rows.next()) {
					properties.putAll(json.readValue(rows.getString(1), OBJECT));
				}
			}
		}
		for (Map.Entry<String, List<Object>> addition : additions.entrySet()) {
			List<Object> values = new ArrayList<>(
					(properties.get(addition.getKey()) instanceof List<?> list) ? list : List.of());
			Set<String> present = new HashSet<>();
			values.forEach((value) -> present.add(identity(addition.getKey(), value)));
			for (Object value : addition.getValue()) {
				if (present.add(identity(addition.getKey(), value))) {
					values.add(value);
				}
			}
			properties.put(addition.getKey(), values);
		}
		try (PreparedStatement upsert = connection.prepareStatement("""
				INSERT INTO note_properties (note_id, properties, content_format) VALUES (?, ?, 'markdown')
				ON CONFLICT (note_id) DO UPDATE SET properties = excluded.properties
				""")) {
			upsert.setLong(1, note);
			upsert.setString(2, json.writeValueAsString(properties));
			upsert.executeUpdate();
		}
	}

	/** What makes two values one: a photo's URL, a category's normalised name. */
	private static String identity(String property, Object value) {
		Object plain = (value instanceof Map<?, ?> map && map.containsKey("value")) ? map.get("value") : value;
		String text = Objects.toString(plain, "");
		return property.equals("category") ? TagNames.normalise(text) : text;
	}

}
