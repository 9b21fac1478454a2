package io.starpunk.admin;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.starpunk.config.StarpunkSettings;
import io.starpunk.notes.InvalidNoteException;
import io.starpunk.notes.MarkdownRenderer;
import io.starpunk.notes.NewNote;
import io.starpunk.notes.Note;
import io.starpunk.notes.NoteNotFoundException;
import io.starpunk.notes.NoteProperties;
import io.starpunk.notes.NoteService;
import io.starpunk.notes.NoteText;
import io.starpunk.notes.Tags;

/**
 * Writing notes: {@code /admin/new} and {@code /admin/edit/{id}}. The form's Preview
 * button shows the text as the public pages would; Save saves and goes back to the list.
 * A note that cannot be saved comes back with the reason beside its field.
 */
@Controller
class NoteEditorController {

	private static final String DAMAGED = "This note's file was changed outside StarPunk or is missing, so the text "
			+ "below may not be what you wrote. Saving replaces the file with it.";

	private final NoteService notes;

	private final MarkdownRenderer renderer;

	private final AdminPages pages;

	private final StarpunkSettings settings;

	NoteEditorController(NoteService notes, MarkdownRenderer renderer, AdminPages pages, StarpunkSettings settings) {
		this.notes = notes;
		this.renderer = renderer;
		this.pages = pages;
		this.settings = settings;
	}

	@GetMapping("/admin/new")
	ResponseEntity<String> showNewNote(CsrfToken csrf) {
		return editor(HttpStatus.OK, newNote("", "", "", true, Map.of(), null), csrf);
	}

	@PostMapping("/admin/new")
	ResponseEntity<String> createNote(@RequestParam(defaultValue = "") String content,
			@RequestParam(defaultValue = "") String tags, @RequestParam(defaultValue = "") String slug,
			@RequestParam(defaultValue = "false") boolean published, @RequestParam(defaultValue = "save") String action,
			CsrfToken csrf) {
		if (action.equals("preview")) {
			return editor(HttpStatus.OK, newNote(content, tags, slug, published, Map.of(), preview(content)), csrf);
		}
		try {
			List<String> typed = tagList(tags);
			Tags.check(typed);
			this.notes.create(new NewNote(content, slug.isBlank() ? null : slug, published, null,
					NoteProperties.NONE.withCategories(typed)));
		}
		catch (InvalidNoteException ex) {
			return editor(HttpStatus.UNPROCESSABLE_CONTENT,
					newNote(content, tags, slug, published, Map.of(ex.field(), ex.getMessage()), null), csrf);
		}
		return AdminPages.redirect(published ? "/admin?done=created" : "/admin?done=drafted");
	}

	@GetMapping("/admin/edit/{id}")
	ResponseEntity<String> showEditor(@PathVariable long id, CsrfToken csrf) {
		Note note = find(id);
		if (note.deleted()) {
			return deleted(csrf);
		}
		NoteProperties properties = this.notes.properties(note);
		NoteText text = this.notes.text(note, properties);
		EditorView view = existing(note, text.markdown(), String.join(", ", properties.categories()), note.published(),
				Map.of(), null);
		if (!text.intact()) {
			view = new EditorView(view.heading(), view.action(), view.content(), view.tags(), view.slug(),
					view.permalink(), view.published(), view.errors(), null, DAMAGED);
		}
		return editor(HttpStatus.OK, view, csrf);
	}

	@PostMapping("/admin/edit/{id}")
	ResponseEntity<String> updateNote(@PathVariable long id, @RequestParam(defaultValue = "") String content,
			@RequestParam(required = false) String tags, @RequestParam(defaultValue = "false") boolean published,
			@RequestParam(defaultValue = "save") String action, CsrfToken csrf) {
		Note note = find(id);
		if (note.deleted()) {
			return deleted(csrf);
		}
		if (tags == null) {
			// a form without the field (an older page) leaves the note's tags as they are
			tags = String.join(", ", this.notes.properties(note).categories());
		}
		if (action.equals("preview")) {
			boolean html = this.notes.properties(note).html();
			return editor(HttpStatus.OK, existing(note, content, tags, published, Map.of(),
					new PreviewHtml(this.renderer.render(new NoteText(content, true, html)))), csrf);
		}
		try {
			this.notes.update(id, content, published, tagList(tags));
		}
		catch (InvalidNoteException ex) {
			return editor(HttpStatus.UNPROCESSABLE_CONTENT,
					existing(note, content, tags, published, Map.of(ex.field(), ex.getMessage()), null), csrf);
		}
		return AdminPages.redirect("/admin?done=updated");
	}

	private Note find(long id) {
		return this.notes.find(id).orElseThrow(() -> new NoteNotFoundException(id));
	}

	private PreviewHtml preview(String content) {
		return new PreviewHtml(this.renderer.render(content));
	}

	/** The tags typed in the form's field: separated by commas, blank ones left out. */
	static List<String> tagList(String typed) {
		return Arrays.stream(typed.split(",")).map(String::strip).filter((tag) -> !tag.isEmpty()).toList();
	}

	private static EditorView newNote(String content, String tags, String slug, boolean published,
			Map<String, String> errors, PreviewHtml preview) {
		return new EditorView("New note", "/admin/new", content, tags, slug, null, published, errors, preview, null);
	}

	private EditorView existing(Note note, String content, String tags, boolean published, Map<String, String> errors,
			PreviewHtml preview) {
		return new EditorView("Edit note", "/admin/edit/" + note.id(), content, tags, null,
				this.settings.url("notes", note.slug()).toString(), published, errors, preview, null);
	}

	private ResponseEntity<String> editor(HttpStatus status, EditorView view, CsrfToken csrf) {
		return this.pages.page(status, "admin/editor.jte", view.heading(), view, csrf);
	}

	private ResponseEntity<String> deleted(CsrfToken csrf) {
		return this.pages.error(HttpStatus.CONFLICT, "This note is deleted",
				"Restore it from the Deleted list before you edit it.", csrf);
	}

}
