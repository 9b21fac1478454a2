package io.starpunk.notes;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a note holds beyond its text: the microformats2 properties a client sent (name,
 * category, photo, a checkin h-card, ...), each a list of values exactly as given
 * (strings, numbers, booleans, or nested objects as maps and lists), and whether the
 * note's file is HTML rather than Markdown.
 *
 * @param values the properties by name, in the order they were given
 * @param html whether the note's text is sanitised HTML rather than Markdown
 */
public record NoteProperties(Map<String, List<Object>> values, boolean html) {

	/** A note with nothing but Markdown text, as every note StarPunk wrote. */
	public static final NoteProperties NONE = new NoteProperties(Map.of(), false);

	public NoteProperties {
		Map<String, List<Object>> copy = new LinkedHashMap<>();
		values.forEach((name, list) -> copy.put(name, Collections.unmodifiableList(new ArrayList<>(list))));
		values = Collections.unmodifiableMap(copy);
	}

	/**
	 * Where copies of the note live on other sites ({@code u-syndication}): the string
	 * values of {@code syndication}.
	 * @return the URLs, in the order added
	 */
	public List<String> syndication() {
		return strings("syndication");
	}

	/** The explicit title ({@code p-name}), if a string was given. */
	public Optional<String> name() {
		return strings("name").stream().filter((name) -> !name.isBlank()).findFirst();
	}

	/** The categories (tags) that are plain strings, in order, without repeats. */
	public List<String> categories() {
		return strings("category").stream().filter((category) -> !category.isBlank()).distinct().toList();
	}

	/**
	 * These properties with other string categories: the strings given (trimmed, blank
	 * ones left out) take the place of the string categories, and categories that are not
	 * strings (an h-card) stay after them.
	 * @param strings the new string categories
	 * @return the properties
	 */
	public NoteProperties withCategories(List<String> strings) {
		List<Object> categories = new ArrayList<>();
		strings.stream().map(String::strip).filter((tag) -> !tag.isEmpty()).distinct().forEach(categories::add);
		this.values.getOrDefault("category", List.of())
			.stream()
			.filter((value) -> !(value instanceof String))
			.forEach(categories::add);
		Map<String, List<Object>> changed = new LinkedHashMap<>(this.values);
		if (categories.isEmpty()) {
			changed.remove("category");
		}
		else {
			changed.put("category", categories);
		}
		return new NoteProperties(changed, this.html);
	}

	/**
	 * The photos that can be shown: a URL, or {@code {"value": url, "alt": text}}, on
	 * http or https only.
	 */
	public List<Photo> photos() {
		List<Photo> photos = new ArrayList<>();
		for (Object value : this.values.getOrDefault("photo", List.of())) {
			addIfPhoto(photos, value);
		}
		return List.copyOf(photos);
	}

	/**
	 * These properties with other photos (the owner's editor): the photos given, in their
	 * order, take the place of the photos that can be shown, each as {@code {"value":
	 * url, "alt": text}} or as the URL alone when it has no alt text; photo values that
	 * cannot be shown stay after them, and every other property stays as it was.
	 * @param photos the new photos
	 * @return the properties
	 */
	public NoteProperties withPhotos(List<Photo> photos) {
		List<Object> values = new ArrayList<>();
		for (Photo photo : photos) {
			String alt = (photo.alt() != null) ? photo.alt().strip() : "";
			if (alt.isEmpty()) {
				values.add(photo.url());
			}
			else {
				Map<String, Object> map = new LinkedHashMap<>();
				map.put("value", photo.url());
				map.put("alt", alt);
				values.add(map);
			}
		}
		for (Object value : this.values.getOrDefault("photo", List.of())) {
			List<Photo> shown = new ArrayList<>();
			addIfPhoto(shown, value);
			if (shown.isEmpty()) {
				values.add(value);
			}
		}
		Map<String, List<Object>> changed = new LinkedHashMap<>(this.values);
		if (values.isEmpty()) {
			changed.remove("photo");
		}
		else {
			changed.put("photo", values);
		}
		return new NoteProperties(changed, this.html);
	}

	/**
	 * The pages the note responds to: each URL (or h-cite with a {@code url}, or
	 * {@code {"value": url}}) of its {@code in-reply-to}, {@code like-of},
	 * {@code repost-of} and {@code bookmark-of}, on http or https only, without repeats.
	 */
	public List<Response> responses() {
		List<Response> responses = new ArrayList<>();
		for (String property : Response.PROPERTIES) {
			for (Object value : this.values.getOrDefault(property, List.of())) {
				String url = citedUrl(value);
				List<Photo> web = new ArrayList<>();
				if (url != null) {
					addIfWeb(web, url, null);
				}
				if (!web.isEmpty()) {
					Response response = new Response(property, web.get(0).url());
					if (!responses.contains(response)) {
						responses.add(response);
					}
				}
			}
		}
		return List.copyOf(responses);
	}

	/**
	 * The URL a response value names: a string, an h-cite's first {@code url}, or a
	 * parsed value's {@code value}.
	 */
	private static String citedUrl(Object value) {
		if (value instanceof String url) {
			return url;
		}
		if (value instanceof Map<?, ?> map) {
			if (map.get("properties") instanceof Map<?, ?> properties) {
				return firstString(properties.get("url"));
			}
			if (map.get("value") instanceof String url) {
				return url;
			}
		}
		return null;
	}

	/**
	 * The note's RSVP ({@code yes}, {@code no}, {@code maybe} or {@code interested}), if
	 * it has one of those.
	 */
	public Optional<String> rsvp() {
		return strings("rsvp").stream()
			.map((value) -> value.strip().toLowerCase(Locale.ROOT))
			.filter(Response.RSVP_VALUES::contains)
			.findFirst();
	}

	/**
	 * The note's post type, as Post Type Discovery finds it: {@code rsvp}, {@code reply},
	 * {@code repost}, {@code like}, {@code bookmark}, or {@code note}.
	 */
	public String postType() {
		List<Response> responses = responses();
		if (rsvp().isPresent() && responses.stream().anyMatch((each) -> each.property().equals("in-reply-to"))) {
			return "rsvp";
		}
		for (String[] type : new String[][] { { "in-reply-to", "reply" }, { "repost-of", "repost" },
				{ "like-of", "like" }, { "bookmark-of", "bookmark" } }) {
			if (responses.stream().anyMatch((each) -> each.property().equals(type[0]))) {
				return type[1];
			}
		}
		return "note";
	}

	/**
	 * Whether the note may go without text: a like, repost or bookmark of a page, or an
	 * RSVP, says what it says by its properties alone.
	 */
	public boolean speaksWithoutText() {
		return rsvp().isPresent()
				|| responses().stream().anyMatch((response) -> !response.property().equals("in-reply-to"));
	}

	/**
	 * A few words for a note without text (its slug and its headline): "Liked
	 * example.com", "RSVP yes to example.com", or {@code null} when it responds to
	 * nothing.
	 */
	public String responseSummary() {
		List<Response> responses = responses();
		if (responses.isEmpty()) {
			return rsvp().map((answer) -> "RSVP " + answer).orElse(null);
		}
		Response first = responses.get(0);
		String host;
		try {
			host = URI.create(first.url()).getHost();
		}
		catch (IllegalArgumentException ex) {
			host = null;
		}
		String where = (host != null) ? host : first.url();
		if (rsvp().isPresent() && first.property().equals("in-reply-to")) {
			return "RSVP " + rsvp().get() + " to " + where;
		}
		return first.verb() + " " + where;
	}

	private static void addIfPhoto(List<Photo> photos, Object value) {
		if (value instanceof String url) {
			addIfWeb(photos, url, null);
		}
		else if (value instanceof Map<?, ?> map && map.get("value") instanceof String url) {
			addIfWeb(photos, url, (map.get("alt") instanceof String alt) ? alt : null);
		}
	}

	/**
	 * Where the note was written, from a {@code checkin} h-card: its name, on http or
	 * https only its URL, and its {@code latitude} and {@code longitude} when both are
	 * numbers (or numeric text, as some clients send) on the globe.
	 */
	public Optional<Place> checkin() {
		for (Object value : this.values.getOrDefault("checkin", List.of())) {
			if (value instanceof Map<?, ?> card && card.get("properties") instanceof Map<?, ?> properties) {
				String name = firstString(properties.get("name"));
				String url = firstString(properties.get("url"));
				List<Photo> web = new ArrayList<>();
				if (url != null) {
					addIfWeb(web, url, null);
				}
				if (name != null && !name.isBlank()) {
					String latitude = coordinate(properties.get("latitude"), 90);
					String longitude = coordinate(properties.get("longitude"), 180);
					boolean located = latitude != null && longitude != null;
					return Optional.of(new Place(name.strip(), web.isEmpty() ? null : web.get(0).url(),
							located ? latitude : null, located ? longitude : null));
				}
			}
		}
		return Optional.empty();
	}

	/**
	 * The first value of a coordinate as plain decimal text, or {@code null} when it is
	 * not a number between {@code -limit} and {@code limit}.
	 */
	private static String coordinate(Object values, int limit) {
		if (!(values instanceof List<?> list) || list.isEmpty()) {
			return null;
		}
		Object value = list.get(0);
		BigDecimal number;
		try {
			if (value instanceof BigDecimal decimal) {
				number = decimal;
			}
			else if (value instanceof Integer || value instanceof Long || value instanceof BigInteger) {
				number = new BigDecimal(value.toString());
			}
			else if (value instanceof String text && text.strip().length() <= 40) {
				number = new BigDecimal(text.strip());
			}
			else {
				return null;
			}
		}
		catch (NumberFormatException ex) {
			return null;
		}
		return (number.abs().compareTo(BigDecimal.valueOf(limit)) <= 0) ? number.toPlainString() : null;
	}

	private static String firstString(Object values) {
		return (values instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof String text) ? text : null;
	}

	private static void addIfWeb(List<Photo> photos, String url, String alt) {
		String lower = url.strip().toLowerCase(Locale.ROOT);
		if (lower.startsWith("https://") || lower.startsWith("http://")) {
			photos.add(new Photo(url.strip(), alt));
		}
	}

	private List<String> strings(String name) {
		return this.values.getOrDefault(name, List.of())
			.stream()
			.filter(String.class::isInstance)
			.map(String.class::cast)
			.toList();
	}

	/**
	 * A place a note was written at.
	 *
	 * @param name its name
	 * @param url its web page, or {@code null}
	 * @param latitude its latitude as decimal text, or {@code null}
	 * @param longitude its longitude as decimal text, or {@code null} (both or neither)
	 */
	public record Place(String name, String url, String latitude, String longitude) {

		/** A place without coordinates. */
		public Place(String name, String url) {
			this(name, url, null, null);
		}

	}

	/**
	 * A photo of the note.
	 *
	 * @param url where it is
	 * @param alt its text alternative, or {@code null}
	 */
	public record Photo(String url, String alt) {
	}

}
