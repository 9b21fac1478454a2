package io.starpunk.indieauth;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scopes this server grants, each with the line the consent page shows for it.
 * Anything else a client asks for is dropped.
 */
final class Scopes {

	static final Map<String, String> KNOWN;

	static {
		Map<String, String> known = new LinkedHashMap<>();
		known.put("create", "Publish new notes");
		known.put("update", "Edit your notes");
		known.put("delete", "Delete your notes");
		known.put("undelete", "Restore deleted notes");
		known.put("media", "Upload photos and other files");
		known.put("draft", "Save notes as drafts only");
		known.put("profile", "See your name, photo and URL");
		known.put("email", "See your email address");
		KNOWN = Collections.unmodifiableMap(known);
	}

	private Scopes() {
	}

	/**
	 * The known scopes of a space-separated list, each once, in the order asked.
	 * @param scope the list, or {@code null}
	 * @return the known scopes
	 */
	static List<String> known(String scope) {
		List<String> scopes = new ArrayList<>();
		if (scope == null) {
			return scopes;
		}
		for (String name : scope.trim().split("\\s+")) {
			if (KNOWN.containsKey(name) && !scopes.contains(name)) {
				scopes.add(name);
			}
		}
		return scopes;
	}

	static String description(String scope) {
		return KNOWN.get(scope);
	}

}
