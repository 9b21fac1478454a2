package io.starpunk.admin;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.starpunk.notes.Note;
import io.starpunk.notes.NoteNotFoundException;
import io.starpunk.notes.NoteService;
import io.starpunk.notes.Notes;

/**
 * Deleting notes: a soft delete after a confirmation page ({@code /admin/delete/{id}}),
 * restoring ({@code /admin/restore/{id}}), and deleting a deleted note forever after an
 * explicit confirmation ({@code /admin/purge/{id}}).
 */
@Controller
class NoteRemovalController {

	private final Notes notes;

	private final NoteService noteService;

	private final AdminPages pages;

	NoteRemovalController(Notes notes, NoteService noteService, AdminPages pages) {
		this.notes = notes;
		this.noteService = noteService;
		this.pages = pages;
	}

	@GetMapping("/admin/delete/{id}")
	ResponseEntity<String> confirmDelete(@PathVariable long id, CsrfToken csrf) {
		Note note = find(id);
		if (note.deleted()) {
			return alreadyDeleted(csrf);
		}
		return this.pages.page(HttpStatus.OK, "admin/delete.jte", "Delete this note?", view(note, null), csrf);
	}

	@PostMapping("/admin/delete/{id}")
	ResponseEntity<String> deleteNote(@PathVariable long id, CsrfToken csrf) {
		if (find(id).deleted()) {
			return alreadyDeleted(csrf);
		}
		this.noteService.delete(id);
		return AdminPages.redirect("/admin?done=deleted");
	}

	@PostMapping("/admin/restore/{id}")
	ResponseEntity<String> restoreNote(@PathVariable long id) {
		this.noteService.restore(id);
		return AdminPages.redirect("/admin?done=restored");
	}

	@GetMapping("/admin/purge/{id}")
	ResponseEntity<String> confirmPurge(@PathVariable long id, CsrfToken csrf) {
		Note note = find(id);
		if (!note.deleted()) {
			return notDeleted(csrf);
		}
		return purgePage(HttpStatus.OK, note, null, csrf);
	}

	@PostMapping("/admin/purge/{id}")
	ResponseEntity<String> purgeNote(@PathVariable long id, @RequestParam(required = false) String confirm,
			CsrfToken csrf) {
		Note note = find(id);
		if (!note.deleted()) {
			return notDeleted(csrf);
		}
		if (!"yes".equals(confirm)) {
			return purgePage(HttpStatus.UNPROCESSABLE_CONTENT, note,
					"Tick the box to confirm that this note cannot be restored.", csrf);
		}
		this.noteService.purge(id);
		return AdminPages.redirect("/admin?status=deleted&done=purged");
	}

	private Note find(long id) {
		return this.notes.find(id).orElseThrow(() -> new NoteNotFoundException(id));
	}

	private RemovalView view(Note note, String error) {
		return new RemovalView(note.id(), this.pages.headline(note), error);
	}

	private ResponseEntity<String> purgePage(HttpStatus status, Note note, String error, CsrfToken csrf) {
		return this.pages.page(status, "admin/purge.jte", "Delete forever?", view(note, error), csrf);
	}

	private ResponseEntity<String> alreadyDeleted(CsrfToken csrf) {
		return this.pages.error(HttpStatus.CONFLICT, "This note is already deleted",
				"You can restore it, or delete it forever, from the Deleted list.", csrf);
	}

	private ResponseEntity<String> notDeleted(CsrfToken csrf) {
		return this.pages.error(HttpStatus.CONFLICT, "Delete it first",
				"Only a deleted note can be deleted forever. Delete it first; it then waits in the Deleted list.",
				csrf);
	}

}
