package io.starpunk.http;

import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fields of an {@code application/x-www-form-urlencoded} body that this server reads
 * itself rather than through the servlet container: an external token endpoint's answer
 * (a request's own fields are always read by the container).
 */
public final class FormFields {

	private FormFields() {
	}

	/**
	 * The fields, in their order, each with its values in order; a field without
	 * {@code =} has an empty value.
	 * @param body the body
	 * @param charset how its percent-escapes are decoded
	 * @return the fields
	 * @throws IllegalArgumentException for a malformed percent-escape
	 */
	public static Map<String, List<String>> parse(String body, Charset charset) {
		Map<String, List<String>> fields = new LinkedHashMap<>();
		for (String pair : body.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int equals = pair.indexOf('=');
			String name = (equals >= 0) ? pair.substring(0, equals) : pair;
			String value = (equals >= 0) ? pair.substring(equals + 1) : "";
			fields.computeIfAbsent(URLDecoder.decode(name, charset), (key) -> new ArrayList<>())
				.add(URLDecoder.decode(value, charset));
		}
		return fields;
	}

}
