package io.starpunk.microformats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a page says in microformats2: its top-level items, and its {@code rel} links by
 * relation ({@code rels}) and by URL ({@code rel-urls}).
 *
 * @param items the top-level items, in page order
 * @param rels each relation's URLs, in page order
 * @param relUrls each URL's relations and attributes
 */
public record Mf2Document(List<Mf2Item> items, Map<String, List<String>> rels, Map<String, RelUrl> relUrls) {

	public Mf2Document {
		items = List.copyOf(items);
		rels = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(rels));
		relUrls = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(relUrls));
	}

	/**
	 * Every item of a type, wherever it is nested, in page order.
	 * @param type such as {@code h-card}
	 * @return the items
	 */
	public List<Mf2Item> find(String type) {
		List<Mf2Item> found = new ArrayList<>();
		for (Mf2Item item : this.items) {
			for (Mf2Item one : item.flattened()) {
				if (one.is(type)) {
					found.add(one);
				}
			}
		}
		return found;
	}

	/**
	 * The document as the parsing specification's JSON has it.
	 * @return plain maps, lists and strings
	 */
	public Map<String, Object> toMap() {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("items", this.items.stream().map(Mf2Item::toMap).toList());
		map.put("rels", this.rels);
		Map<String, Object> urls = new LinkedHashMap<>();
		this.relUrls.forEach((url, rel) -> urls.put(url, rel.toMap()));
		map.put("rel-urls", urls);
		return map;
	}

	/**
	 * One URL's entry in {@code rel-urls}.
	 *
	 * @param rels its relations, sorted
	 * @param text the text of the first link to it
	 * @param title its {@code title}, or {@code null}
	 * @param type its {@code type}, or {@code null}
	 * @param media its {@code media}, or {@code null}
	 * @param hreflang its {@code hreflang}, or {@code null}
	 */
	public record RelUrl(List<String> rels, String text, String title, String type, String media, String hreflang) {

		Map<String, Object> toMap() {
			Map<String, Object> map = new LinkedHashMap<>();
			map.put("rels", this.rels);
			if (this.text != null) {
				map.put("text", this.text);
			}
			if (this.title != null) {
				map.put("title", this.title);
			}
			if (this.type != null) {
				map.put("type", this.type);
			}
			if (this.media != null) {
				map.put("media", this.media);
			}
			if (this.hreflang != null) {
				map.put("hreflang", this.hreflang);
			}
			return map;
		}

	}

}
