package io.starpunk.micropub;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

import io.starpunk.notes.NewNote;
import io.starpunk.notes.NoteProperties;

/**
 * A create request, from a form, a multipart form or JSON: the note's text, its slug,
 * whether it is a draft, when it was published, and every other property exactly as
 * given. Micropub commands ({@code mp-*}) and {@code access_token} are never kept.
 *
 * @param content the text, and whether it is HTML
 * @param slug the requested slug ({@code mp-slug}), or {@code null}
 * @param draft whether {@code post-status} is {@code draft}
 * @param published when it was published ({@code published}), or {@code null} for now
 * @param properties the other properties, in the order given
 * @param syndicateTo the syndication targets asked for ({@code mp-syndicate-to}), by uid
 */
record NewEntry(Mf2.Content content, String slug, boolean draft, Instant published,
		Map<String, List<Object>> properties, List<String> syndicateTo) {

	/**
	 * A form-encoded or multipart create: {@code h=entry}, each property once or as
	 * {@code name[]} many times.
	 * @param form the fields
	 * @param uploaded photo URLs of files uploaded with the request, or an empty list
	 * @return the entry
	 */
	static NewEntry fromForm(Map<String, List<String>> form, Map<String, List<String>> uploaded) {
		if (!"entry".equals(first(form.get("h")))) {
			throw MicropubException.invalidRequest("Only h=entry can be created");
		}
		Map<String, List<Object>> properties = new LinkedHashMap<>();
		form.forEach((field, values) -> {
			String name = field.endsWith("[]") ? field.substring(0, field.length() - 2) : field;
			if (name.equals("h") || Mf2.command(name)) {
				return;
			}
			properties.computeIfAbsent(Mf2.name(name), (key) -> new ArrayList<>())
				.addAll(Mf2.checked(name, new ArrayList<>(values)));
		});
		uploaded.forEach(
				(name, urls) -> properties.computeIfAbsent(Mf2.name(name), (key) -> new ArrayList<>()).addAll(urls));
		String slug = first(form.get("mp-slug"));
		return of(properties, (slug != null) ? Mf2.text("mp-slug", slug) : null, SyndicateTo.fromForm(form));
	}

	/**
	 * A JSON create: {@code {"type": ["h-entry"], "properties": {...}}}, every value an
	 * array. Some clients send the type as a bare string, {@code "type": "h-entry"},
	 * which is taken the same way.
	 * @param body the request
	 * @return the entry
	 */
	static NewEntry fromJson(JsonNode body) {
		JsonNode type = body.path("type");
		JsonNode only = type.isArray() ? ((type.size() == 1) ? type.get(0) : null) : type;
		if (only == null || !only.isString() || !only.asString().equals("h-entry")) {
			throw MicropubException.invalidRequest("type must be [\"h-entry\"] (or \"h-entry\")");
		}
		JsonNode given = body.path("properties");
		if (!given.isObject()) {
			throw MicropubException.invalidRequest("properties must be an object");
		}
		Map<String, List<Object>> properties = new LinkedHashMap<>();
		String slug = null;
		List<String> syndicateTo = new ArrayList<>(SyndicateTo.fromJson(body.path(SyndicateTo.COMMAND)));
		syndicateTo.addAll(SyndicateTo.fromJson(given.path(SyndicateTo.COMMAND)));
		for (Map.Entry<String, JsonNode> property : given.properties()) {
			String name = property.getKey();
			List<Object> values = Mf2.values(name, property.getValue());
			if (name.equals("mp-slug") && !values.isEmpty()) {
				slug = (String) values.get(0);
			}
			if (!Mf2.command(name)) {
				properties.put(Mf2.name(name), values);
			}
		}
		return of(properties, slug, syndicateTo);
	}

	private static NewEntry of(Map<String, List<Object>> properties, String slug, List<String> syndicateTo) {
		Object contentValue = firstOf(properties.remove("content"));
		Object status = firstOf(properties.remove("post-status"));
		Object published = firstOf(properties.remove("published"));
		properties.remove("url");
		Mf2.Content content;
		if (contentValue != null) {
			content = Mf2.content(contentValue);
		}
		else if (firstOf(properties.get("name")) instanceof String name && !name.isBlank()) {
			content = new Mf2.Content(name, false);
		}
		else if (new NoteProperties(properties, false).speaksWithoutText()) {
			// a like, repost or bookmark of a page, or an RSVP: no text of its own
			content = new Mf2.Content("", false);
		}
		else {
			throw MicropubException
				.invalidRequest("content is required (a like-of, repost-of, bookmark-of or rsvp may go without)");
		}
		return new NewEntry(content, slug, Mf2.draft(status), (published != null) ? Mf2.published(published) : null,
				properties, syndicateTo);
	}

	/** The note to create. */
	NewNote note() {
		return new NewNote(this.content.text(), this.slug, !this.draft, this.published,
				new NoteProperties(this.properties, this.content.html()));
	}

	private static Object firstOf(List<Object> values) {
		return (values == null || values.isEmpty()) ? null : values.get(0);
	}

	private static String first(List<String> values) {
		return (values == null || values.isEmpty()) ? null : values.get(0);
	}

}
