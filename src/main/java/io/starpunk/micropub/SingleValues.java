package io.starpunk.micropub;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parameters the Micropub endpoints read as one value. Sent twice, in a form, a
 * multipart body or the query string (or once in the query and once in the body), any of
 * them is a 400 that names it, before anything is read or changed: which of two URLs an
 * {@code action=delete} meant is not the server's to guess. {@code name[]} counts as
 * {@code name}.
 */
final class SingleValues {

	/**
	 * Read once by a form or multipart create or action. Other properties ({@code name},
	 * {@code category}, {@code photo}, ...) may have many values.
	 */
	static final List<String> POSTED = List.of("h", "action", "url", "access_token", "content", "published",
			"post-status", "mp-slug");

	/** Read once by {@code GET /micropub}; {@code properties[]} may be many. */
	static final List<String> QUERIED = List.of("q", "url", "limit", "after", "filter", "access_token");

	/** Read once by the media endpoint. */
	static final List<String> MEDIA = List.of("q", "access_token");

	private SingleValues() {
	}

	/**
	 * Refuses a parameter sent more than once.
	 * @param names the parameters read as one value
	 * @param parameters the request's parameters, as the servlet gives them
	 */
	static void check(List<String> names, Map<String, String[]> parameters) {
		Map<String, List<String>> lists = new LinkedHashMap<>();
		parameters.forEach((name, values) -> lists.put(name, Arrays.asList(values)));
		checkLists(names, lists);
	}

	/**
	 * Refuses a parameter sent more than once.
	 * @param names the parameters read as one value
	 * @param parameters the request's parameters
	 */
	static void checkLists(List<String> names, Map<String, List<String>> parameters) {
		for (String name : names) {
			int count = size(parameters.get(name)) + size(parameters.get(name + "[]"));
			if (count > 1) {
				throw MicropubException
					.invalidRequest("'" + name + "' was sent " + count + " times; it takes one value");
			}
		}
	}

	private static int size(List<String> values) {
		return (values != null) ? values.size() : 0;
	}

}
