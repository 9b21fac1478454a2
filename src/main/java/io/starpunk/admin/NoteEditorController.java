package io.starpunk.admin;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.TransactionException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.starpunk.config.StarpunkSettings;
import io.starpunk.http.DatabaseUnavailable;
import io.starpunk.media.MediaStore;
import io.starpunk.notes.InvalidNoteException;
import io.starpunk.notes.MarkdownRenderer;
import io.starpunk.notes.NewNote;
import io.starpunk.notes.Note;
import io.starpunk.notes.NoteNotFoundException;
import io.starpunk.notes.NoteProperties;
import io.starpunk.notes.NoteService;
import io.starpunk.notes.NoteText;
import io.starpunk.notes.Notes;
import io.starpunk.notes.Tags;

/**
 * Writing notes: {@code /admin/new} and {@code /admin/edit/{id}}, with up to four photos.
 * The form's Preview button shows the note as the public pages would; Save saves and goes
 * back to the list. A note that cannot be saved comes back with the reason beside its
 * field, its photos kept.
 */
@Controller
class NoteEditorController {

	private static final String DAMAGED = "This note's file was changed outside StarPunk or is missing, so the text "
			+ "below may not be what you wrote. Saving replaces the file with it.";

	/**
	 * What the owner reads when the database did not answer a save: the form comes back
	 * as typed. Photos already uploaded stay in it; a photo chosen in this form that
	 * could not be uploaded is named beside the photos (a file picker cannot be filled in
	 * again).
	 */
	static final String BUSY = "The note could not be saved just now; nothing was lost — try again. "
			+ "Your text, tags and the photos already uploaded are kept below.";

	/**
	 * The field of a form that shows photos; a form without it leaves them as they are.
	 */
	private static final String PHOTO_FORM = "photo-form";

	private final Notes notes;

	private final NoteService noteService;

	private final MarkdownRenderer renderer;

	private final AdminPages pages;

	private final StarpunkSettings settings;

	private final EditorPhotos photos;

	private final Clock clock;

	NoteEditorController(Notes notes, NoteService noteService, MarkdownRenderer renderer, AdminPages pages,
			StarpunkSettings settings, EditorPhotos photos, Clock clock) {
		this.clock = clock;
		this.notes = notes;
		this.noteService = noteService;
		this.renderer = renderer;
		this.pages = pages;
		this.settings = settings;
		this.photos = photos;
	}

	@GetMapping("/admin/new")
	ResponseEntity<String> showNewNote(@RequestParam(name = "too-large", required = false) String tooLarge,
			CsrfToken csrf) {
		return editor(HttpStatus.OK, newNote("", "", "", true, PhotoChoice.NONE, tooLarge(tooLarge), null,
				ResponseFields.NOTE, "", List.of()), csrf);
	}

	@PostMapping("/admin/new")
	ResponseEntity<String> createNote(@RequestParam(defaultValue = "") String content,
			@RequestParam(defaultValue = "") String tags, @RequestParam(defaultValue = "") String slug,
			@RequestParam(defaultValue = "false") boolean published, @RequestParam(defaultValue = "save") String action,
			@RequestParam(required = false) String kind,
			@RequestParam(name = "response-url", defaultValue = "") String responseUrl,
			@RequestParam(defaultValue = "") String rsvp,
			@RequestParam(name = PublishAt.FIELD, defaultValue = "") String publishedAt, HttpServletRequest request,
			CsrfToken csrf) {
		PhotoChoice photos = this.photos.read(request, List.of());
		ResponseFields response = new ResponseFields(kind, responseUrl, rsvp);
		List<String> syndicateTo = syndicateTo(request);
		if (action.equals("preview") || !photos.acceptable()) {
			PreviewHtml preview = action.equals("preview") ? preview(new NoteText(content, true, false)) : null;
			return editor(photos.status(), newNote(content, tags, slug, published, photos, problems(photos, action),
					preview, response, publishedAt, syndicateTo), csrf);
		}
		Note created;
		try {
			List<String> typed = tagList(tags);
			Tags.check(typed);
			checkTargets(syndicateTo);
			created = this.noteService.create(
					new NewNote(content, slug.isBlank() ? null : slug, published, PublishAt.parse(publishedAt),
							response.applyTo(NoteProperties.NONE.withCategories(typed).withPhotos(photos.forNote()))),
					syndicateTo);
		}
		catch (InvalidNoteException ex) {
			return editor(HttpStatus.UNPROCESSABLE_CONTENT, newNote(content, tags, slug, published, photos,
					Map.of(ex.field(), ex.getMessage()), null, response, publishedAt, syndicateTo), csrf);
		}
		catch (DataAccessException | TransactionException ex) {
			if (!DatabaseUnavailable.causedBy(ex)) {
				throw ex;
			}
			return editor(HttpStatus.SERVICE_UNAVAILABLE, newNote(content, tags, slug, published, photos,
					Map.of("database", BUSY), null, response, publishedAt, syndicateTo), csrf);
		}
		if (!published) {
			return AdminPages.redirect("/admin?done=drafted");
		}
		return AdminPages
			.redirect(created.scheduledAt(this.clock.instant()) ? "/admin?done=scheduled" : "/admin?done=created");
	}

	@GetMapping("/admin/edit/{id}")
	ResponseEntity<String> showEditor(@PathVariable long id,
			@RequestParam(name = "too-large", required = false) String tooLarge, CsrfToken csrf) {
		Note note = find(id);
		if (note.deleted()) {
			return deleted(csrf);
		}
		NoteProperties properties = this.notes.properties(note);
		NoteText text = this.notes.text(note, properties);
		PhotoChoice photos = new PhotoChoice(EditorPhotos.of(properties), null, HttpStatus.OK);
		EditorView view = existing(note, text.markdown(), String.join(", ", properties.categories()), note.published(),
				photos, tooLarge(tooLarge), null, ResponseFields.of(properties), List.of());
		return editor(HttpStatus.OK, text.intact() ? view : view.withNotice(DAMAGED), csrf);
	}

	@PostMapping("/admin/edit/{id}")
	ResponseEntity<String> updateNote(@PathVariable long id, @RequestParam(defaultValue = "") String content,
			@RequestParam(required = false) String tags, @RequestParam(defaultValue = "false") boolean published,
			@RequestParam(defaultValue = "save") String action, @RequestParam(required = false) String kind,
			@RequestParam(name = "response-url", defaultValue = "") String responseUrl,
			@RequestParam(defaultValue = "") String rsvp, HttpServletRequest request, CsrfToken csrf) {
		Note note = find(id);
		if (note.deleted()) {
			return deleted(csrf);
		}
		NoteProperties properties = this.notes.properties(note);
		ResponseFields before = ResponseFields.of(properties);
		// a form without the field (an older page) leaves what the note responds to as
		// it is; so does a form whose fields say what the note already says
		ResponseFields response = (kind != null) ? new ResponseFields(kind, responseUrl, rsvp) : before;
		if (tags == null) {
			// a form without the field (an older page) leaves the note's tags as they are
			tags = String.join(", ", properties.categories());
		}
		boolean photoForm = request.getParameter(PHOTO_FORM) != null;
		List<EditorPhoto> onNote = EditorPhotos.of(properties);
		PhotoChoice photos = photoForm ? this.photos.read(request, onNote)
				: new PhotoChoice(onNote, null, HttpStatus.OK);
		List<String> syndicateTo = syndicateTo(request);
		if (action.equals("preview") || !photos.acceptable()) {
			PreviewHtml preview = action.equals("preview") ? preview(new NoteText(content, true, properties.html()))
					: null;
			return editor(photos.status(), existing(note, content, tags, published, photos, problems(photos, action),
					preview, response, syndicateTo), csrf);
		}
		try {
			List<String> typed = tagList(tags);
			Tags.check(typed);
			checkTargets(syndicateTo);
			NoteProperties changed = properties.withCategories(typed);
			if (!response.equals(before)) {
				changed = response.applyTo(changed);
			}
			this.noteService.update(id, content, published, photoForm ? changed.withPhotos(photos.forNote()) : changed,
					syndicateTo);
		}
		catch (InvalidNoteException ex) {
			return editor(HttpStatus.UNPROCESSABLE_CONTENT, existing(note, content, tags, published, photos,
					Map.of(ex.field(), ex.getMessage()), null, response, syndicateTo), csrf);
		}
		catch (DataAccessException | TransactionException ex) {
			if (!DatabaseUnavailable.causedBy(ex)) {
				throw ex;
			}
			return editor(HttpStatus.SERVICE_UNAVAILABLE, existing(note, content, tags, published, photos,
					Map.of("database", BUSY), null, response, syndicateTo), csrf);
		}
		return AdminPages.redirect("/admin?done=updated");
	}

	private Note find(long id) {
		return this.notes.find(id).orElseThrow(() -> new NoteNotFoundException(id));
	}

	private PreviewHtml preview(NoteText text) {
		return new PreviewHtml(this.renderer.render(text));
	}

	/** The tags typed in the form's field: separated by commas, blank ones left out. */
	static List<String> tagList(String typed) {
		return Arrays.stream(typed.split(",")).map(String::strip).filter((tag) -> !tag.isEmpty()).toList();
	}

	/**
	 * The photos' problem beside them; when a photo could not be uploaded because the
	 * database did not answer a save, the form says too that the note was not saved.
	 */
	private static Map<String, String> problems(PhotoChoice photos, String action) {
		if (photos.acceptable()) {
			return Map.of();
		}
		if (photos.status() == HttpStatus.SERVICE_UNAVAILABLE && !action.equals("preview")) {
			return Map.of("photos", photos.problem(), "database", BUSY);
		}
		return Map.of("photos", photos.problem());
	}

	/** The error of a form the size limit sent back unread ({@code ?too-large}). */
	private Map<String, String> tooLarge(String tooLarge) {
		return (tooLarge == null) ? Map.of() : Map.of("upload", "Nothing was saved: the form was larger than "
				+ "the site takes, so none of it could be read. Send at most " + EditorPhotos.MAX + " photos of "
				+ MediaStore.describe(this.settings.micropub().mediaMaxBytes()) + " or less each.");
	}

	private EditorView newNote(String content, String tags, String slug, boolean published, PhotoChoice photos,
			Map<String, String> errors, PreviewHtml preview, ResponseFields response, String publishedAt,
			List<String> syndicateTo) {
		return new EditorView("New note", "/admin/new", content, tags, slug, null, published, errors, preview, null,
				photos.photos(), photoHint(), maxPhotoBytes(), response, publishedAt, choices(syndicateTo));
	}

	private EditorView existing(Note note, String content, String tags, boolean published, PhotoChoice photos,
			Map<String, String> errors, PreviewHtml preview, ResponseFields response, List<String> syndicateTo) {
		return new EditorView("Edit note", "/admin/edit/" + note.id(), content, tags, null,
				this.settings.url("notes", note.slug()).toString(), published, errors, preview, null, photos.photos(),
				photoHint(), maxPhotoBytes(), response, null, choices(syndicateTo));
	}

	/** The syndication targets the form's checkboxes chose ({@code syndicate-to}). */
	private static List<String> syndicateTo(HttpServletRequest request) {
		String[] chosen = request.getParameterValues("syndicate-to");
		return (chosen == null) ? List.of() : Arrays.stream(chosen).map(String::strip).distinct().toList();
	}

	/**
	 * Refuses a target that {@code SYNDICATE_TO} does not name (a form from before it
	 * changed).
	 */
	private void checkTargets(List<String> syndicateTo) {
		for (String uid : syndicateTo) {
			if (this.settings.conversations().target(uid).isEmpty()) {
				throw new InvalidNoteException("syndicate-to",
						"This site no longer posts to " + uid + "; choose among the targets shown");
			}
		}
	}

	/** A checkbox per syndication target, checked when chosen. */
	private List<EditorView.SyndicationChoice> choices(List<String> chosen) {
		return this.settings.conversations()
			.syndicateTo()
			.all()
			.stream()
			.map((target) -> new EditorView.SyndicationChoice(target.uid(), target.name(),
					chosen.contains(target.uid())))
			.toList();
	}

	private long maxPhotoBytes() {
		return this.settings.micropub().mediaMaxBytes().toBytes();
	}

	private String photoHint() {
		return "JPEG, PNG, GIF or WebP, at most " + EditorPhotos.MAX + " photos of "
				+ MediaStore.describe(this.settings.micropub().mediaMaxBytes()) + " or less each.";
	}

	private ResponseEntity<String> editor(HttpStatus status, EditorView view, CsrfToken csrf) {
		return this.pages.page(status, "admin/editor.jte", view.heading(), view, csrf);
	}

	private ResponseEntity<String> deleted(CsrfToken csrf) {
		return this.pages.error(HttpStatus.CONFLICT, "This note is deleted",
				"Restore it from the Deleted list before you edit it.", csrf);
	}

}
