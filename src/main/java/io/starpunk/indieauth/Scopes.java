package io.starpunk.indieauth;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Scopes: the ones this server grants, and their space-separated form.
 */
final class Scopes {

	/** Every scope this server knows, in the order it lists them. */
	static final List<String> SUPPORTED = List.of("create", "update", "delete", "undelete", "media", "draft", "profile",
			"email");

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
			.sorted((a, b) -> Integer.compare(rank(a), rank(b)) != 0 ? Integer.compare(rank(a), rank(b))
					: a.compareTo(b))
			.collect(Collectors.joining(" "));
	}

	/** Whether a grant of these scopes is for authentication only (no access token). */
	static boolean identityOnly(Set<String> scopes) {
		return IDENTITY_ONLY.containsAll(scopes);
	}

	private static int rank(String scope) {
		int index = SUPPORTED.indexOf(scope);
		return (index < 0) ? SUPPORTED.size() : index;
	}

}
