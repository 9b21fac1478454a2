package io.starpunk.micropub;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

import io.starpunk.config.StarpunkSettings;
import io.starpunk.config.StarpunkSettings.SyndicationTarget;

/**
 * {@code mp-syndicate-to}: the syndication targets a create or update asks for, by uid,
 * each one of {@code SYNDICATE_TO}'s (as {@code q=syndicate-to} lists them).
 */
final class SyndicateTo {

	static final String COMMAND = "mp-syndicate-to";

	private SyndicateTo() {
	}

	/**
	 * The targets as {@code q=syndicate-to} and {@code q=config} list them.
	 * @param settings the settings
	 * @return {@code uid} and {@code name} of each
	 */
	static List<Map<String, String>> listed(StarpunkSettings settings) {
		List<Map<String, String>> listed = new ArrayList<>();
		for (SyndicationTarget target : settings.conversations().syndicateTo().all()) {
			Map<String, String> item = new LinkedHashMap<>();
			item.put("uid", target.uid());
			item.put("name", target.name());
			listed.add(item);
		}
		return listed;
	}

	/**
	 * The uids of a form: {@code mp-syndicate-to}, once or many times, or
	 * {@code mp-syndicate-to[]}.
	 * @param form the fields
	 * @return the uids
	 */
	static List<String> fromForm(Map<String, List<String>> form) {
		List<String> uids = new ArrayList<>();
		uids.addAll(form.getOrDefault(COMMAND, List.of()));
		uids.addAll(form.getOrDefault(COMMAND + "[]", List.of()));
		return uids;
	}

	/**
	 * The uids of a JSON value: a string or an array of strings.
	 * @param value the value, or a missing node
	 * @return the uids
	 */
	static List<String> fromJson(JsonNode value) {
		List<String> uids = new ArrayList<>();
		if (value == null || value.isMissingNode() || value.isNull()) {
			return uids;
		}
		if (value.isString()) {
			uids.add(value.asString());
			return uids;
		}
		if (value.isArray()) {
			for (JsonNode uid : value) {
				if (!uid.isString()) {
					throw MicropubException.invalidRequest(COMMAND + " must be a uid or an array of uids");
				}
				uids.add(uid.asString());
			}
			return uids;
		}
		throw MicropubException.invalidRequest(COMMAND + " must be a uid or an array of uids");
	}

	/**
	 * The uids of a JSON update: at the top of the request, or in its {@code replace} or
	 * {@code add}.
	 * @param body the request
	 * @return the uids
	 */
	static List<String> fromUpdate(JsonNode body) {
		List<String> uids = new ArrayList<>(fromJson(body.path(COMMAND)));
		uids.addAll(fromJson(body.path("replace").path(COMMAND)));
		uids.addAll(fromJson(body.path("add").path(COMMAND)));
		return uids;
	}

	/**
	 * The uids, each checked to be a target of {@code SYNDICATE_TO}.
	 * @param uids the uids asked for
	 * @param settings the settings
	 * @return the uids, once each
	 * @throws MicropubException {@code invalid_request} naming an unknown uid
	 */
	static List<String> checked(List<String> uids, StarpunkSettings settings) {
		LinkedHashSet<String> known = new LinkedHashSet<>();
		for (String uid : uids) {
			String wanted = (uid != null) ? uid.strip() : "";
			if (wanted.isEmpty()) {
				continue;
			}
			if (settings.conversations().target(wanted).isEmpty()) {
				List<String> all = settings.conversations()
					.syndicateTo()
					.all()
					.stream()
					.map(SyndicationTarget::uid)
					.toList();
				throw MicropubException.invalidRequest("mp-syndicate-to: '" + shortened(wanted)
						+ "' is not a syndication target of this site"
						+ (all.isEmpty() ? " (it has none)" : "; q=syndicate-to lists " + String.join(", ", all)));
			}
			known.add(wanted);
		}
		return List.copyOf(known);
	}

	private static String shortened(String uid) {
		return (uid.length() > 100) ? uid.substring(0, 100) + "…" : uid;
	}

}
