package io.starpunk.admin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.starpunk.notes.InvalidNoteException;
import io.starpunk.notes.NoteProperties;
import io.starpunk.notes.Response;

/**
 * The editor's fields for what a note responds to: its kind (a note, a reply, a like, a
 * repost, a bookmark or an RSVP), the URL of the page, and an RSVP's answer. They are
 * saved as the note's {@code in-reply-to}, {@code like-of}, {@code repost-of},
 * {@code bookmark-of} and {@code rsvp} properties.
 *
 * @param kind {@code note}, {@code reply}, {@code like}, {@code repost}, {@code bookmark}
 * or {@code rsvp}
 * @param url the page, as typed (empty for a note)
 * @param rsvp the answer, as chosen (empty unless an RSVP)
 */
record ResponseFields(String kind, String url, String rsvp) {

	/** The property each kind is saved as (first: {@link #NOTE} needs it). */
	private static final Map<String, String> PROPERTY = Map.of("reply", "in-reply-to", "rsvp", "in-reply-to", "like",
			"like-of", "repost", "repost-of", "bookmark", "bookmark-of");

	/** The kinds the form offers, in order. */
	static final List<Choice> KINDS = List.of(new Choice("note", "Note"), new Choice("reply", "Reply"),
			new Choice("like", "Like"), new Choice("repost", "Repost"), new Choice("bookmark", "Bookmark"),
			new Choice("rsvp", "RSVP"));

	/** The answers an RSVP may give, as the form offers them. */
	static final List<Choice> ANSWERS = List.of(new Choice("yes", "Yes, going"), new Choice("no", "No, not going"),
			new Choice("maybe", "Maybe"), new Choice("interested", "Interested"));

	/** A plain note. */
	static final ResponseFields NOTE = new ResponseFields("note", "", "");

	ResponseFields {
		kind = (kind != null && PROPERTY.containsKey(kind)) ? kind : "note";
		url = (url != null) ? url.strip() : "";
		rsvp = (rsvp != null) ? rsvp.strip().toLowerCase(Locale.ROOT) : "";
	}

	/**
	 * The fields as a note's properties show them: its kind, the first page it responds
	 * to, its answer.
	 * @param properties the note's properties
	 * @return the fields
	 */
	static ResponseFields of(NoteProperties properties) {
		String kind = properties.postType();
		List<Response> responses = properties.responses();
		String property = PROPERTY.get(kind);
		String url = responses.stream()
			.filter((response) -> response.property().equals(property))
			.map(Response::url)
			.findFirst()
			.orElse("");
		return new ResponseFields(kind, url, properties.rsvp().orElse(""));
	}

	/**
	 * These fields saved into a note's properties: the response properties it had are
	 * replaced by the one these fields name (none for a note).
	 * @param properties the note's other properties
	 * @return the properties
	 * @throws InvalidNoteException for a kind without a web URL, or an RSVP without an
	 * answer
	 */
	NoteProperties applyTo(NoteProperties properties) {
		Map<String, List<Object>> values = new LinkedHashMap<>(properties.values());
		Response.PROPERTIES.forEach(values::remove);
		values.remove("rsvp");
		if (!this.kind.equals("note")) {
			String lower = this.url.toLowerCase(Locale.ROOT);
			if (!(lower.startsWith("https://") || lower.startsWith("http://")) || this.url.contains(" ")
					|| this.url.length() > 2000) {
				throw new InvalidNoteException("response-url",
						"A " + label() + " needs the address (http or https) of the page it responds to");
			}
			values.put(PROPERTY.get(this.kind), List.of(this.url));
			if (this.kind.equals("rsvp")) {
				if (!Response.RSVP_VALUES.contains(this.rsvp)) {
					throw new InvalidNoteException("rsvp", "Choose an answer for the RSVP");
				}
				values.put("rsvp", List.of(this.rsvp));
			}
		}
		return new NoteProperties(values, properties.html());
	}

	private String label() {
		return KINDS.stream()
			.filter((choice) -> choice.value().equals(this.kind))
			.map(Choice::label)
			.findFirst()
			.orElse("post")
			.toLowerCase(Locale.ROOT)
			.replace("rsvp", "RSVP");
	}

	boolean is(String kind) {
		return this.kind.equals(kind);
	}

	boolean answers(String answer) {
		return this.rsvp.equals(answer);
	}

	/**
	 * One option of a select.
	 *
	 * @param value what the form sends
	 * @param label what people read
	 */
	record Choice(String value, String label) {
	}

}
