package io.starpunk.micropub;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

import io.starpunk.notes.Note;
import io.starpunk.notes.Response;

/**
 * Microformats2 values as Micropub sends them, checked and turned into plain Java values
 * (strings, numbers, booleans, maps and lists) that are stored as given.
 */
final class Mf2 {

	/**
	 * How deeply objects may nest inside one property value (a checkin's h-card, ...).
	 */
	static final int MAX_DEPTH = 16;

	/** The longest property name taken. */
	static final int MAX_NAME = 64;

	private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]*");

	/**
	 * Properties that describe the note itself rather than being kept as given: its text,
	 * when and whether it is published, and its URL, which this server decides.
	 */
	static final Set<String> OWN = Set.of("content", "published", "post-status", "url");

	private Mf2() {
	}

	/**
	 * Checks a property name a client sent.
	 * @param name the name, {@code []} already removed
	 * @return the name
	 */
	static String name(String name) {
		if (name.length() > MAX_NAME || !NAME.matcher(name).matches()) {
			throw MicropubException.invalidRequest(
					"'" + shortened(name) + "' is not a property name (lowercase letters, digits, '-' and '_', at most "
							+ MAX_NAME + " characters)");
		}
		return name;
	}

	/** Whether a name is a Micropub command ({@code mp-*}) or the token, never stored. */
	static boolean command(String name) {
		return name.startsWith("mp-") || name.equals("access_token");
	}

	/**
	 * A property's values from JSON: an array of strings, numbers, booleans and objects
	 * (a nested h-card with a numeric latitude, a photo with alt text, HTML content),
	 * kept as given; numbers keep their exact value (read as
	 * {@link java.math.BigDecimal}, never rounded to a double). Nulls and arrays inside
	 * arrays are refused, as is text that no page or feed can carry.
	 * @param name the property, for the error message
	 * @param values the JSON value
	 * @return the values
	 */
	static List<Object> values(String name, JsonNode values) {
		if (!values.isArray()) {
			throw MicropubException.invalidRequest("The value of '" + name + "' must be an array");
		}
		List<Object> list = new ArrayList<>(values.size());
		for (JsonNode value : values) {
			if (value.isArray()) {
				throw MicropubException.invalidRequest("The values of '" + name + "' must not be arrays");
			}
			list.add(plain(name, value, 1));
		}
		return checked(name, list);
	}

	/**
	 * Checks the values of a property whatever they came from (form fields are strings
	 * already): text any page and feed can carry, and the shapes of the properties this
	 * server reads.
	 * @param name the property
	 * @param values its values
	 * @return the values
	 */
	static List<Object> checked(String name, List<Object> values) {
		for (Object value : values) {
			if (value instanceof String text) {
				text(name, text);
			}
			switch (name) {
				case "name", "mp-slug", "published", "post-status" -> {
					if (!(value instanceof String)) {
						throw MicropubException.invalidRequest(name + " must be a string");
					}
				}
				case "photo", "video", "audio" -> {
					boolean url = value instanceof String;
					boolean withAlt = value instanceof Map<?, ?> map && map.get("value") instanceof String
							&& (map.get("alt") == null || map.get("alt") instanceof String);
					if (!url && !withAlt) {
						throw MicropubException
							.invalidRequest(name + " values must be URLs or {\"value\": url, \"alt\": text} objects");
					}
				}
				case "content" -> content(value);
				case "rsvp" -> {
					if (!(value instanceof String answer)
							|| !Response.RSVP_VALUES.contains(answer.strip().toLowerCase(Locale.ROOT))) {
						throw MicropubException.invalidRequest("rsvp must be one of " + Response.RSVP_VALUES);
					}
				}
				case "in-reply-to", "like-of", "repost-of", "bookmark-of" -> {
					boolean url = value instanceof String text && web(text);
					boolean cite = value instanceof Map<?, ?>;
					if (!url && !cite) {
						throw MicropubException
							.invalidRequest(name + " values must be URLs (http or https) or h-cite objects");
					}
				}
				default -> {
				}
			}
		}
		return values;
	}

	/**
	 * Checks text a client sent: it must be valid Unicode that XML (the feeds) can carry,
	 * so no control characters but tab and line breaks, no unpaired surrogates, and no
	 * U+FFFD, which is what invalid UTF-8 turns into on the way in.
	 * @param name the property, for the error message
	 * @param text the text
	 * @return the text
	 */
	static String text(String name, String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			boolean control = c < 0x20 && c != '\t' && c != '\n' && c != '\r';
			boolean unpaired = Character.isHighSurrogate(c)
					? !(i + 1 < text.length() && Character.isLowSurrogate(text.charAt(++i)))
					: Character.isLowSurrogate(c);
			if (control || unpaired || c == '\uFFFE' || c == '\uFFFF') {
				throw MicropubException.invalidRequest("'" + name + "' holds a character that is not allowed (U+"
						+ String.format("%04X", (int) c) + ")");
			}
			if (c == '\uFFFD') {
				throw MicropubException.invalidRequest("'" + name
						+ "' holds U+FFFD, which is what invalid UTF-8 becomes; send the text as valid UTF-8");
			}
		}
		return text;
	}

	private static boolean web(String text) {
		String lower = text.strip().toLowerCase(Locale.ROOT);
		return lower.startsWith("https://") || lower.startsWith("http://");
	}

	private static Object plain(String name, JsonNode value, int depth) {
		if (depth > MAX_DEPTH) {
			throw MicropubException.invalidRequest("'" + name + "' is nested more than " + MAX_DEPTH + " levels deep");
		}
		if (value.isString()) {
			return text(name, value.asString());
		}
		if (value.isArray()) {
			List<Object> list = new ArrayList<>(value.size());
			for (JsonNode item : value) {
				list.add(plain(name, item, depth + 1));
			}
			return list;
		}
		if (value.isObject()) {
			Map<String, Object> map = new LinkedHashMap<>();
			for (Map.Entry<String, JsonNode> entry : value.properties()) {
				map.put(text(name, entry.getKey()), plain(name, entry.getValue(), depth + 1));
			}
			return map;
		}
		if (value.isNumber()) {
			return value.numberValue();
		}
		if (value.isBoolean()) {
			return value.booleanValue();
		}
		throw MicropubException
			.invalidRequest("'" + name + "' holds a null, which is not a microformats value; leave it out");
	}

	/**
	 * The note's text from the first {@code content} value: a string, {@code {"html"}} or
	 * {@code {"value"}}.
	 * @param value the value
	 * @return the text, and whether it is HTML
	 */
	static Content content(Object value) {
		if (value instanceof String text) {
			return new Content(text, false);
		}
		if (value instanceof Map<?, ?> map && (map.get("value") == null || map.get("value") instanceof String)) {
			if (map.get("html") instanceof String html) {
				return new Content(html, true);
			}
			if (map.get("html") == null && map.get("value") instanceof String text) {
				return new Content(text, false);
			}
		}
		throw MicropubException.invalidRequest("content must be a string, {\"html\": \"...\"} or {\"value\": \"...\"}");
	}

	/**
	 * When a note was published, from {@code published}: an ISO 8601 date and time, with
	 * an offset or read as UTC, or a date alone, read as midnight UTC. The year (in UTC)
	 * must be 0001 to 9999, the years a note's {@code created_at} text and its
	 * {@code YYYY/MM} folder can hold in order; an imported archive may well be old.
	 * @param value the value
	 * @return the instant
	 */
	static Instant published(Object value) {
		if (!(value instanceof String text)) {
			throw MicropubException.invalidRequest(PUBLISHED);
		}
		Instant instant = parsed(text.strip());
		if (!Note.datable(instant)) {
			throw MicropubException.invalidRequest("published must be in the years " + Note.FIRST_YEAR + " to "
					+ Note.LAST_YEAR + " (UTC): " + shortened(text));
		}
		return instant;
	}

	private static final String PUBLISHED = "published must be a date and time such as 2025-01-02T03:04:05Z, or a date such as 2025-01-02";

	private static Instant parsed(String text) {
		try {
			return OffsetDateTime.parse(text).toInstant();
		}
		catch (DateTimeParseException ex) {
			// no offset, or no time at all: read as UTC
		}
		try {
			return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
		}
		catch (DateTimeParseException ex) {
			// a date alone?
		}
		try {
			return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw MicropubException.invalidRequest(PUBLISHED);
		}
	}

	/**
	 * Whether the note is a draft, from {@code post-status}.
	 * @param value the value, or {@code null}
	 * @return whether it is a draft
	 */
	static boolean draft(Object value) {
		if (value == null || "published".equals(value)) {
			return false;
		}
		if ("draft".equals(value)) {
			return true;
		}
		throw MicropubException.invalidRequest("post-status must be draft or published");
	}

	private static String shortened(String name) {
		return (name.length() > 40) ? name.substring(0, 40) + "…" : name;
	}

	/**
	 * A note's text as a client sent it.
	 *
	 * @param text the text
	 * @param html whether it is HTML
	 */
	record Content(String text, boolean html) {
	}

}
