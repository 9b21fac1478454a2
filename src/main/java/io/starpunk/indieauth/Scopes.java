package io.starpunk.indieauth;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The scopes this server grants, each with the line the consent page shows for it, and
 * their space-separated form. Anything else a client asks for is dropped.
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

	/** Every scope this server knows, in the order it lists them. */
	static final List<String> SUPPORTED = List.copyOf(KNOWN.keySet());

	/**
	 * Scopes that only identify the owner; a code with no others gets no access token.
	 */
	static final Set<String> IDENTITY_ONLY = Set.of("profile", "email");

	private Scopes() {
	}

	static Set<String> parse(String scope) {
		if (scope == null || scope.isBlank()) {
			return Set.of();
		}
		return Arrays.stream(scope.strip().split("\\s+")).collect(Collectors.toCollection(LinkedHashSet::new));
	}

	static String join(Collection<String> scopes) {
		return scopes.stream()
			.sorted((a, b) -> (Integer.compare(rank(a), rank(b)) != 0) ? Integer.compare(rank(a), rank(b))
					: a.compareTo(b))
			.collect(Collectors.joining(" "));
	}

	/** Whether a grant of these scopes is for authentication only (no access token). */
	static boolean identityOnly(Set<String> scopes) {
		return IDENTITY_ONLY.containsAll(scopes);
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

	private static int rank(String scope) {
		int index = SUPPORTED.indexOf(scope);
		return (index < 0) ? SUPPORTED.size() : index;
	}

}
