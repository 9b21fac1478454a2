package io.starpunk.micropub;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

import io.starpunk.notes.NoteProperties;

/**
 * A Micropub update ({@code action=update}) applied to a note: {@code replace} and
 * {@code add} are objects of arrays, {@code delete} is an array of property names or an
 * object of values to remove. Everything is checked before anything changes.
 *
 * @param text the note's text after the update
 * @param html whether that text is HTML
 * @param draft whether the note is a draft after the update
 * @param properties the note's other properties after the update
 */
record Update(String text, boolean html, boolean draft, Map<String, List<Object>> properties) {

	/**
	 * Applies an update request to a note as it is now.
	 * @param body the JSON request
	 * @param text the note's text now
	 * @param draft whether it is a draft now
	 * @param current its properties now
	 * @return the note as the update leaves it
	 */
	static Update apply(JsonNode body, String text, boolean draft, NoteProperties current) {
		JsonNode replace = body.path("replace");
		JsonNode add = body.path("add");
		JsonNode delete = body.path("delete");
		if (replace.isMissingNode() && add.isMissingNode() && delete.isMissingNode()) {
			throw MicropubException.invalidRequest("An update needs replace, add or delete");
		}
		Update update = new Update(text, current.html(), draft, new LinkedHashMap<>(current.values()));
		if (!replace.isMissingNode()) {
			update = update.replace(operation("replace", replace));
		}
		if (!add.isMissingNode()) {
			update = update.add(operation("add", add));
		}
		if (!delete.isMissingNode()) {
			update = update.delete(delete);
		}
		return update;
	}

	private static Map<String, List<Object>> operation(String operation, JsonNode node) {
		if (!node.isObject()) {
			throw MicropubException.invalidRequest(operation + " must be an object of property names and arrays");
		}
		Map<String, List<Object>> changes = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> property : node.properties()) {
			String name = Mf2.name(property.getKey());
			if (name.equals(SyndicateTo.COMMAND)) {
				// a command, not a property: MicropubActions reads it
				continue;
			}
			if (name.equals("url") || Mf2.command(name)) {
				throw MicropubException.invalidRequest("'" + name + "' cannot be changed by an update");
			}
			changes.put(name, Mf2.values(name, property.getValue()));
		}
		return changes;
	}

	private Update replace(Map<String, List<Object>> changes) {
		Update update = this;
		for (Map.Entry<String, List<Object>> change : changes.entrySet()) {
			update = update.set(change.getKey(), change.getValue());
		}
		return update;
	}

	private Update add(Map<String, List<Object>> changes) {
		Update update = this;
		for (Map.Entry<String, List<Object>> change : changes.entrySet()) {
			String name = change.getKey();
			if (Mf2.OWN.contains(name)) {
				throw MicropubException.invalidRequest("A note has one " + name + "; replace it instead of adding");
			}
			List<Object> values = new ArrayList<>(update.properties.getOrDefault(name, List.of()));
			values.addAll(change.getValue());
			update = update.set(name, values);
		}
		return update;
	}

	private Update delete(JsonNode delete) {
		Update update = this;
		if (delete.isArray()) {
			for (JsonNode name : delete) {
				if (!name.isString()) {
					throw MicropubException.invalidRequest("delete must list property names as strings");
				}
				update = update.remove(Mf2.name(name.asString()));
			}
			return update;
		}
		for (Map.Entry<String, List<Object>> change : operation("delete", delete).entrySet()) {
			String name = change.getKey();
			if (Mf2.OWN.contains(name)) {
				throw MicropubException.invalidRequest("Values cannot be removed from " + name + "; replace it");
			}
			List<Object> values = new ArrayList<>(update.properties.getOrDefault(name, List.of()));
			values.removeIf((value) -> change.getValue().stream().anyMatch((removed) -> same(value, removed)));
			update = update.set(name, values);
		}
		return update;
	}

	/**
	 * Whether a value to remove names a value: the same value, or the same URL for a
	 * photo with alt text ({@code {"value": url, "alt": ...}}) named by its URL alone.
	 */
	private static boolean same(Object value, Object removed) {
		return value.equals(removed) || url(value).filter((url) -> url.equals(url(removed).orElse(null))).isPresent();
	}

	private static java.util.Optional<String> url(Object value) {
		if (value instanceof String text) {
			return java.util.Optional.of(text);
		}
		if (value instanceof Map<?, ?> map && map.get("value") instanceof String text) {
			return java.util.Optional.of(text);
		}
		return java.util.Optional.empty();
	}

	private Update remove(String name) {
		if (name.equals("content")) {
			throw MicropubException.invalidRequest("A note needs its content; replace it instead");
		}
		if (Mf2.OWN.contains(name)) {
			throw MicropubException.invalidRequest("'" + name + "' cannot be removed");
		}
		return set(name, List.of());
	}

	/** Sets a property; an empty list removes it. */
	private Update set(String name, List<Object> values) {
		switch (name) {
			case "content" -> {
				if (values.isEmpty()) {
					throw MicropubException.invalidRequest("A note needs its content; replace it with some text");
				}
				Mf2.Content content = Mf2.content(values.get(0));
				return new Update(content.text(), content.html(), this.draft, this.properties);
			}
			case "post-status" -> {
				return new Update(this.text, this.html, Mf2.draft(values.isEmpty() ? null : values.get(0)),
						this.properties);
			}
			case "published" -> throw MicropubException.invalidRequest("published cannot be changed by an update");
			default -> {
				Map<String, List<Object>> properties = new LinkedHashMap<>(this.properties);
				if (values.isEmpty()) {
					properties.remove(name);
				}
				else {
					properties.put(name, List.copyOf(values));
				}
				return new Update(this.text, this.html, this.draft, properties);
			}
		}
	}

}
