package io.starpunk.http;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads HTTP {@code Link} headers (RFC 8288) the way endpoint discovery needs them: every
 * header of a response, each a comma-separated list of {@code <uri>; param=value} links,
 * a parameter's value quoted or not, a comma or semicolon inside quotes or inside the
 * {@code <...>} taken as text, and {@code rel} a space-separated list of relation types
 * matched without regard to case. A link that cannot be read is skipped, never the whole
 * header.
 */
public final class LinkHeaders {

	private LinkHeaders() {
	}

	/**
	 * The URI references of the links with a relation type, in the order the headers give
	 * them, as written (relative ones are for the caller to resolve).
	 * @param headers the values of every {@code Link} header, in order
	 * @param rel the relation type, such as {@code webmention}
	 * @return the URI references, possibly empty
	 */
	public static List<String> withRel(List<String> headers, String rel) {
		String wanted = rel.toLowerCase(Locale.ROOT);
		List<String> found = new ArrayList<>();
		for (String header : headers) {
			for (Link link : parse(header)) {
				if (link.rels().contains(wanted)) {
					found.add(link.uri());
				}
			}
		}
		return found;
	}

	/**
	 * The links of one header value.
	 * @param header the value
	 * @return the links it holds, in order
	 */
	public static List<Link> parse(String header) {
		List<Link> links = new ArrayList<>();
		int at = 0;
		int length = header.length();
		while (at < length) {
			int open = header.indexOf('<', at);
			if (open < 0) {
				break;
			}
			int close = header.indexOf('>', open + 1);
			if (close < 0) {
				break;
			}
			String uri = header.substring(open + 1, close).strip();
			Set<String> rels = new LinkedHashSet<>();
			at = close + 1;
			// the parameters, up to the comma that ends this link (outside quotes)
			while (at < length) {
				char next = header.charAt(at);
				if (next == ',') {
					at++;
					break;
				}
				if (next != ';') {
					at++;
					continue;
				}
				int nameStart = at + 1;
				int equals = nameStart;
				while (equals < length && ";,=".indexOf(header.charAt(equals)) < 0) {
					equals++;
				}
				String name = header.substring(nameStart, equals).strip().toLowerCase(Locale.ROOT);
				String value = "";
				at = equals;
				if (at < length && header.charAt(at) == '=') {
					at++;
					while (at < length && header.charAt(at) == ' ') {
						at++;
					}
					if (at < length && header.charAt(at) == '"') {
						StringBuilder quoted = new StringBuilder();
						at++;
						while (at < length && header.charAt(at) != '"') {
							if (header.charAt(at) == '\\' && at + 1 < length) {
								at++;
							}
							quoted.append(header.charAt(at));
							at++;
						}
						at++;
						value = quoted.toString();
					}
					else {
						int end = at;
						while (end < length && ";,".indexOf(header.charAt(end)) < 0) {
							end++;
						}
						value = header.substring(at, end).strip();
						at = end;
					}
				}
				// RFC 8288: only the first rel parameter counts
				if (name.equals("rel") && rels.isEmpty()) {
					for (String type : value.strip().split("\\s+")) {
						if (!type.isEmpty()) {
							rels.add(type.toLowerCase(Locale.ROOT));
						}
					}
				}
			}
			links.add(new Link(uri, Set.copyOf(rels)));
		}
		return links;
	}

	/**
	 * One link of a {@code Link} header.
	 *
	 * @param uri the URI reference between {@code <} and {@code >}, as written
	 * @param rels its relation types, in lower case
	 */
	public record Link(String uri, Set<String> rels) {
	}

}
