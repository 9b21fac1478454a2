package io.starpunk.micropub;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import io.starpunk.config.StarpunkSettings;
import io.starpunk.indieauth.AccessToken;
import io.starpunk.notes.Note;
import io.starpunk.notes.NoteFilter;
import io.starpunk.notes.NoteService;

/**
 * What Micropub does to notes that exist: {@code delete}, {@code undelete}, and
 * {@code q=source}. A note is named by its permalink on this site.
 */
@Component
class MicropubActions {

	private final NoteService notes;

	private final StarpunkSettings settings;

	MicropubActions(NoteService notes, StarpunkSettings settings) {
		this.notes = notes;
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
				this.notes.delete(note(url).id());
			}
			case "undelete" -> {
				require(token, "undelete");
				this.notes.restore(note(url).id());
			}
			case "update" -> throw MicropubException.invalidRequest("action=update is not supported yet");
			default -> throw MicropubException.invalidRequest("Unknown action: " + action);
		}
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
		answer.put("items", found.stream().limit(count).map(this::describe).toList());
		if (found.size() > count) {
			answer.put("paging", Map.of("after", Integer.toString(offset + count)));
		}
		return answer;
	}

	/**
	 * The note as Micropub describes it ({@code q=source}).
	 * @param url the note's permalink
	 * @return its type and properties
	 */
	Map<String, Object> source(String url) {
		Note note = note(url);
		if (note.deleted()) {
			throw MicropubException.invalidRequest("That note was deleted");
		}
		return describe(note);
	}

	private Map<String, Object> describe(Note note) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("content", List.of(this.notes.text(note).markdown()));
		properties.put("published", List.of(note.createdAt().toString()));
		properties.put("post-status", List.of(note.published() ? "published" : "draft"));
		properties.put("url", List.of(permalink(note)));
		return Map.of("type", List.of("h-entry"), "properties", properties);
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
