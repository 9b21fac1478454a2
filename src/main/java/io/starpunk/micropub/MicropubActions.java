package io.starpunk.micropub;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Component;

import io.starpunk.config.StarpunkSettings;
import io.starpunk.indieauth.AccessToken;
import io.starpunk.notes.InvalidNoteException;
import io.starpunk.notes.Note;
import io.starpunk.notes.NoteFilter;
import io.starpunk.notes.NoteProperties;
import io.starpunk.notes.NoteService;
import io.starpunk.notes.NoteText;
import io.starpunk.notes.Notes;

/**
 * What Micropub does to notes that exist: {@code update}, {@code delete},
 * {@code undelete}, {@code q=source} and {@code q=category}. A note is named by its
 * permalink on this site.
 */
@Component
class MicropubActions {

	private final Notes notes;

	private final NoteService noteService;

	private final StarpunkSettings settings;

	private final MicropubWrites writes;

	MicropubActions(Notes notes, NoteService noteService, StarpunkSettings settings, MicropubWrites writes) {
		this.notes = notes;
		this.writes = writes;
		this.noteService = noteService;
		this.settings = settings;
	}

	/**
	 * Runs an action.
	 * @param token the caller's token
	 * @param action the action
	 * @param url the note's permalink
	 */
	void run(AccessToken token, String action, String url) {
		switch ((action != null) ? action : "") {
			case "delete" -> {
				require(token, "delete");
				this.noteService.delete(note(url).id());
				this.writes.count("delete");
			}
			case "undelete" -> {
				require(token, "undelete");
				this.noteService.restore(note(url).id());
				this.writes.count("undelete");
			}
			case "update" -> throw MicropubException.invalidRequest(
					"An update is sent as JSON: {\"action\": \"update\", \"url\": ..., \"replace\": {...}}");
			default -> throw MicropubException.invalidRequest("Unknown action: " + action);
		}
	}

	/**
	 * Applies {@code action=update}.
	 * @param token the caller's token
	 * @param body the JSON request, with {@code url} and {@code replace}, {@code add} or
	 * {@code delete}
	 */
	void update(AccessToken token, JsonNode body) {
		require(token, "update");
		JsonNode url = body.path("url");
		Note note = note(url.isString() ? url.asString() : null);
		if (note.deleted()) {
			throw MicropubException.invalidRequest("That note was deleted; undelete it before updating it");
		}
		NoteProperties properties = this.notes.properties(note);
		List<String> syndicateTo = SyndicateTo.checked(SyndicateTo.fromUpdate(body), this.settings);
		Update update = Update.apply(body, this.notes.text(note, properties).markdown(), !note.published(), properties);
		try {
			this.noteService.update(note.id(), update.text(), !update.draft(),
					new NoteProperties(update.properties(), update.html()), syndicateTo);
			this.writes.count("update");
		}
		catch (InvalidNoteException ex) {
			throw MicropubException.invalidRequest(ex.getMessage());
		}
	}

	/**
	 * The categories of the notes, for {@code q=category}.
	 * @param filter only those containing this text (any case), or {@code null}
	 * @return the categories, sorted
	 */
	List<String> categories(String filter) {
		List<String> all = this.notes.categories();
		if (filter == null || filter.isBlank()) {
			return all;
		}
		String wanted = filter.strip().toLowerCase(Locale.ROOT);
		return all.stream().filter((category) -> category.toLowerCase(Locale.ROOT).contains(wanted)).toList();
	}

	/** The most posts one {@code q=source} page lists. */
	static final int MAX_LIMIT = 100;

	/**
	 * Recent posts ({@code q=source} without {@code url}), newest first, drafts included,
	 * deleted notes not.
	 * @param limit how many (1 to {@value #MAX_LIMIT}; 10 when not given)
	 * @param after the {@code paging.after} of the previous page, or {@code null}
	 * @return {@code items}, and {@code paging.after} when there are more
	 */
	Map<String, Object> recent(String limit, String after) {
		int count = number(limit, 10, "limit");
		int offset = number(after, 0, "after");
		if (count < 1 || count > MAX_LIMIT) {
			throw MicropubException.invalidRequest("limit must be between 1 and " + MAX_LIMIT);
		}
		List<Note> found = this.notes.list(NoteFilter.ALL, offset, count + 1);
		Map<String, Object> answer = new LinkedHashMap<>();
		List<Note> page = found.stream().limit(count).toList();
		Map<Long, NoteProperties> properties = this.notes.properties(page);
		answer.put("items", page.stream().map((note) -> describe(note, properties.get(note.id()))).toList());
		if (found.size() > count) {
			answer.put("paging", Map.of("after", Integer.toString(offset + count)));
		}
		return answer;
	}

	/**
	 * The note as Micropub describes it ({@code q=source}): every property, or only those
	 * asked for, in which case the answer has no {@code type}.
	 * @param url the note's permalink
	 * @param wanted the properties asked for, or empty for all
	 * @return its type and properties
	 */
	Map<String, Object> source(String url, List<String> wanted) {
		Note note = note(url);
		if (note.deleted()) {
			throw MicropubException.invalidRequest("That note was deleted");
		}
		Map<String, Object> described = describe(note, this.notes.properties(note));
		if (wanted.isEmpty()) {
			return described;
		}
		@SuppressWarnings("unchecked")
		Map<String, Object> properties = new LinkedHashMap<>((Map<String, Object>) described.get("properties"));
		properties.keySet().retainAll(wanted);
		return Map.of("properties", properties);
	}

	private Map<String, Object> describe(Note note, NoteProperties stored) {
		NoteText text = this.notes.text(note, stored);
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("content", List.of(text.html() ? Map.of("html", text.markdown()) : text.markdown()));
		properties.putAll(stored.values());
		properties.put("published", List.of(note.createdAt().toString()));
		properties.put("post-status", List.of(note.published() ? "published" : "draft"));
		properties.put("url", List.of(permalink(note)));
		Map<String, Object> described = new LinkedHashMap<>();
		described.put("type", List.of("h-entry"));
		described.put("properties", properties);
		return described;
	}

	private Note note(String url) {
		if (url == null || url.isBlank()) {
			throw MicropubException.invalidRequest("url is required");
		}
		String prefix = this.settings.url("notes").toString() + "/";
		String slug = url.startsWith(prefix) ? url.substring(prefix.length()) : null;
		if (slug == null || slug.isEmpty() || slug.contains("/")) {
			throw MicropubException.invalidRequest("Not a note of this site: " + url);
		}
		return this.notes.findBySlug(slug)
			.orElseThrow(() -> MicropubException.invalidRequest("No note has that URL: " + url));
	}

	private String permalink(Note note) {
		return this.settings.url("notes", note.slug()).toString();
	}

	private static int number(String value, int fallback, String name) {
		if (value == null || value.isBlank()) {
			return fallback;
		}
		try {
			int number = Integer.parseInt(value.strip());
			if (number < 0) {
				throw new NumberFormatException();
			}
			return number;
		}
		catch (NumberFormatException ex) {
			throw MicropubException.invalidRequest(name + " must be a whole number");
		}
	}

	private static void require(AccessToken token, String scope) {
		if (!token.hasScope(scope)) {
			throw MicropubException.insufficientScope(scope);
		}
	}

}
