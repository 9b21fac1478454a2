package io.starpunk.site;

import java.time.Clock;
import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import io.starpunk.config.StarpunkSettings;
import io.starpunk.notes.Note;
import io.starpunk.notes.Notes;

/**
 * A note's permalink, {@code GET /notes/{slug}}, and StarPunk 0.9's {@code /note/{slug}}
 * sending readers there. Drafts and notes scheduled for later are not public (404);
 * deleted notes are gone (410).
 */
@Controller
class NoteController {

	private final Notes notes;

	private final Entries entries;

	private final SitePages pages;

	private final StarpunkSettings settings;

	private final Clock clock;

	NoteController(Notes notes, Entries entries, SitePages pages, StarpunkSettings settings, Clock clock) {
		this.clock = clock;
		this.notes = notes;
		this.entries = entries;
		this.pages = pages;
		this.settings = settings;
	}

	@GetMapping("/notes/{slug}")
	ResponseEntity<String> showNote(@PathVariable String slug) {
		Optional<Note> found = this.notes.findBySlug(slug);
		// a draft, or a note scheduled for later: not public (yet)
		if (found.isEmpty() || !found.get().published() || found.get().scheduledAt(this.clock.instant())) {
			return this.pages.error(HttpStatus.NOT_FOUND, "Not found", "There is no note here.");
		}
		Note note = found.get();
		if (note.deleted()) {
			return this.pages.error(HttpStatus.GONE, "This note was deleted", "Its author removed it from this site.");
		}
		NoteView view = new NoteView(this.entries.entry(note), this.pages.owner());
		return this.pages.page("site/note.jte", view.entry().headline(), view);
	}

	@GetMapping("/note/{slug}")
	ResponseEntity<Void> redirectOldPermalink(@PathVariable String slug) {
		return ResponseEntity.status(HttpStatus.MOVED_PERMANENTLY).location(this.settings.url("notes", slug)).build();
	}

}
