package io.starpunk.config;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.starpunk.config.StarpunkSettings.SyndicationTarget;

/**
 * The syndication targets of {@code SYNDICATE_TO}: a JSON array of {@code {"uid", "name",
 * "type", "url", "token"}} objects.
 *
 * @param all the targets, in the order given
 */
public record SyndicationTargets(List<SyndicationTarget> all) {

	/** No targets. */
	public static final SyndicationTargets NONE = new SyndicationTargets(List.of());

	public SyndicationTargets {
		all = List.copyOf(all);
		if (all.stream().map(SyndicationTarget::uid).distinct().count() != all.size()) {
			throw new IllegalArgumentException("SYNDICATE_TO names the same uid twice; each target needs its own");
		}
	}

	/**
	 * Reads {@code SYNDICATE_TO}.
	 * @param json the variable's value; blank for none
	 * @return the targets
	 * @throws IllegalArgumentException when it is not such an array
	 */
	public static SyndicationTargets parse(String json) {
		if (json == null || json.isBlank()) {
			return NONE;
		}
		JsonNode root;
		try {
			root = JsonMapper.builder().build().readTree(json);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("SYNDICATE_TO must be a JSON array of targets such as "
					+ "[{\"uid\":\"https://mastodon.example/@me\",\"name\":\"Mastodon\",\"type\":\"mastodon\","
					+ "\"url\":\"https://mastodon.example\",\"token\":\"...\"}] (it is not JSON)");
		}
		if (!root.isArray()) {
			throw new IllegalArgumentException("SYNDICATE_TO must be a JSON array of targets (got a JSON "
					+ root.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + ")");
		}
		List<SyndicationTarget> targets = new ArrayList<>();
		for (JsonNode item : root) {
			if (!item.isObject()) {
				throw new IllegalArgumentException(
						"SYNDICATE_TO must hold objects with uid, name, type, url and token");
			}
			String url = text(item, "url");
			URI parsed;
			try {
				parsed = (url != null) ? URI.create(url.strip()) : null;
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("SYNDICATE_TO: the url '" + url + "' is not a URL");
			}
			targets.add(new SyndicationTarget(text(item, "uid"), text(item, "name"), text(item, "type"), parsed,
					text(item, "token")));
		}
		return new SyndicationTargets(targets);
	}

	private static String text(JsonNode item, String field) {
		JsonNode value = item.get(field);
		return (value != null && value.isString()) ? value.asString() : null;
	}

}
