package io.starpunk.microformats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One microformat ({@code h-entry}, {@code h-card}, ...): its types, its properties in
 * page order, the items nested in it without a property, and, as the value of a property,
 * the {@code value} (and for an {@code e-} property the {@code html}) the parsing
 * specification gives it.
 *
 * @param type its root class names, sorted
 * @param properties its properties, by name, each with its values in page order
 * @param children the items nested without a property
 * @param value its value as a property's value, or {@code null} at the top
 * @param html its HTML as an {@code e-} property's value, or {@code null}
 * @param id the element's {@code id}, or {@code null}
 */
public record Mf2Item(List<String> type, Map<String, List<Mf2Value>> properties, List<Mf2Item> children, String value,
		String html, String id) implements Mf2Value {

	public Mf2Item {
		type = List.copyOf(type);
		Map<String, List<Mf2Value>> copy = new LinkedHashMap<>();
		properties.forEach((name, values) -> copy.put(name, List.copyOf(values)));
		properties = java.util.Collections.unmodifiableMap(copy);
		children = List.copyOf(children);
	}

	/**
	 * Whether it is of a type.
	 * @param name such as {@code h-entry}
	 * @return whether it is
	 */
	public boolean is(String name) {
		return this.type.contains(name);
	}

	/**
	 * A property's values.
	 * @param name the property, without prefix ({@code author})
	 * @return its values, empty when it has none
	 */
	public List<Mf2Value> all(String name) {
		return this.properties.getOrDefault(name, List.of());
	}

	/**
	 * A property's first value.
	 * @param name the property
	 * @return the value, or empty
	 */
	public Optional<Mf2Value> first(String name) {
		List<Mf2Value> values = all(name);
		return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
	}

	/**
	 * A property's first value as text ({@link Mf2Value#text()}).
	 * @param name the property
	 * @return the text, or empty when it has no value or an empty one
	 */
	public Optional<String> text(String name) {
		return first(name).map(Mf2Value::text).filter((text) -> !text.isBlank());
	}

	@Override
	public String text() {
		return (this.value != null) ? this.value : "";
	}

	/**
	 * This item and every item inside it (property values and children), depth first.
	 * @return the items
	 */
	public List<Mf2Item> flattened() {
		List<Mf2Item> all = new ArrayList<>();
		all.add(this);
		for (List<Mf2Value> values : this.properties.values()) {
			for (Mf2Value value : values) {
				if (value instanceof Mf2Item nested) {
					all.addAll(nested.flattened());
				}
			}
		}
		for (Mf2Item child : this.children) {
			all.addAll(child.flattened());
		}
		return all;
	}

	/**
	 * The item as the parsing specification's JSON has it: {@code type},
	 * {@code properties}, and {@code children}, {@code value}, {@code html}, {@code id}
	 * when there are some.
	 * @return plain maps, lists and strings
	 */
	public Map<String, Object> toMap() {
		Map<String, Object> map = new LinkedHashMap<>();
		if (this.id != null) {
			map.put("id", this.id);
		}
		map.put("type", this.type);
		Map<String, Object> props = new LinkedHashMap<>();
		this.properties.forEach((name, values) -> props.put(name, values.stream().map(Mf2Item::plain).toList()));
		map.put("properties", props);
		if (!this.children.isEmpty()) {
			map.put("children", this.children.stream().map(Mf2Item::toMap).toList());
		}
		if (this.value != null) {
			map.put("value", this.value);
		}
		if (this.html != null) {
			map.put("html", this.html);
		}
		return map;
	}

	private static Object plain(Mf2Value value) {
		if (value instanceof Mf2Value.Image image) {
			return Map.of("value", image.value(), "alt", image.alt());
		}
		if (value instanceof Mf2Value.Html html) {
			return Map.of("html", html.html(), "value", html.value());
		}
		if (value instanceof Mf2Item item) {
			return item.toMap();
		}
		return value.text();
	}

}
