package io.starpunk.micropub;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import tools.jackson.databind.JsonNode;

/**
 * A create request, from a form or from JSON, reduced to what a note holds today: its
 * text, a slug and whether it is a draft. Properties this server cannot keep yet are
 * refused by name rather than dropped, so a client never loses them silently.
 *
 * @param content the text
 * @param slug the requested slug ({@code mp-slug}), or {@code null}
 * @param draft whether {@code post-status} is {@code draft}
 */
record NewEntry(String content, String slug, boolean draft) {

	private static final Set<String> FORM_FIELDS = Set.of("h", "content", "mp-slug", "post-status", "access_token");

	private static final Set<String> PROPERTIES = Set.of("content", "mp-slug", "post-status");

	static NewEntry fromForm(Map<String, List<String>> form) {
		if (!"entry".equals(first(form.get("h")))) {
			throw MicropubException.invalidRequest("Only h=entry can be created");
		}
		Set<String> unknown = new TreeSet<>(form.keySet());
		unknown.removeAll(FORM_FIELDS);
		refuse(unknown);
		return of(first(form.get("content")), first(form.get("mp-slug")), first(form.get("post-status")));
	}

	static NewEntry fromJson(JsonNode body) {
		JsonNode type = body.path("type");
		if (!type.isArray() || type.size() != 1 || !"h-entry".equals(type.get(0).asString(""))) {
			throw MicropubException.invalidRequest("type must be [\"h-entry\"]");
		}
		JsonNode properties = body.path("properties");
		if (!properties.isObject()) {
			throw MicropubException.invalidRequest("properties must be an object");
		}
		Set<String> unknown = new TreeSet<>(properties.propertyNames());
		unknown.removeAll(PROPERTIES);
		refuse(unknown);
		JsonNode content = firstValue(properties, "content");
		if (content != null && content.isObject()) {
			throw MicropubException.invalidRequest("HTML content is not supported yet; send the text as a string");
		}
		return of(text(content, "content"), text(firstValue(properties, "mp-slug"), "mp-slug"),
				text(firstValue(properties, "post-status"), "post-status"));
	}

	private static NewEntry of(String content, String slug, String status) {
		if (content == null || content.isBlank()) {
			throw MicropubException.invalidRequest("content is required");
		}
		if (status != null && !status.equals("draft") && !status.equals("published")) {
			throw MicropubException.invalidRequest("post-status must be draft or published");
		}
		return new NewEntry(content, slug, "draft".equals(status));
	}

	private static void refuse(Set<String> unknown) {
		if (!unknown.isEmpty()) {
			throw MicropubException.invalidRequest(
					"These properties are not supported yet and were not saved: " + String.join(", ", unknown));
		}
	}

	private static JsonNode firstValue(JsonNode properties, String name) {
		JsonNode values = properties.path(name);
		if (values.isMissingNode()) {
			return null;
		}
		if (!values.isArray()) {
			throw MicropubException.invalidRequest(name + " must be an array of values");
		}
		return values.isEmpty() ? null : values.get(0);
	}

	private static String text(JsonNode value, String name) {
		if (value == null) {
			return null;
		}
		if (!value.isString()) {
			throw MicropubException.invalidRequest(name + " must be a string");
		}
		return value.asString();
	}

	private static String first(List<String> values) {
		return (values == null || values.isEmpty()) ? null : values.get(0);
	}

}
