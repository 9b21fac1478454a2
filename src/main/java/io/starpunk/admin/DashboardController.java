package io.starpunk.admin;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.starpunk.config.StarpunkSettings;
import io.starpunk.media.StoredImages;
import io.starpunk.notes.Note;
import io.starpunk.notes.NoteCounts;
import io.starpunk.notes.NoteFilter;
import io.starpunk.notes.Notes;

/**
 * {@code GET /admin}: every note of one kind, newest first, 25 a page, with how many
 * there are of each kind and what the last form did.
 */
@Controller
class DashboardController {

	static final int PAGE_SIZE = 25;

	private static final List<String> STATUSES = List.of("published", "scheduled", "draft", "deleted");

	private final Notes notes;

	private final AdminPages pages;

	private final StarpunkSettings settings;

	private final StoredImages images;

	private final Clock clock;

	DashboardController(Notes notes, AdminPages pages, StarpunkSettings settings, StoredImages images, Clock clock) {
		this.clock = clock;
		this.notes = notes;
		this.images = images;
		this.pages = pages;
		this.settings = settings;
	}

	@GetMapping("/admin")
	ResponseEntity<String> showDashboard(@RequestParam(required = false) String status,
			@RequestParam(required = false) String page, @RequestParam(required = false) String done, CsrfToken csrf) {
		Optional<Integer> number = pageNumber(page);
		if ((status != null && !STATUSES.contains(status)) || number.isEmpty()) {
			return this.pages.error(HttpStatus.BAD_REQUEST, "Bad request",
					"That list of notes does not exist. Start again from the list of all notes.", csrf);
		}
		NoteFilter filter = (status != null) ? NoteFilter.valueOf(status.toUpperCase(Locale.ROOT)) : NoteFilter.ALL;
		int current = number.get();
		List<Note> found = this.notes.list(filter, (current - 1) * PAGE_SIZE, PAGE_SIZE + 1);
		List<DashboardView.Row> rows = found.stream().limit(PAGE_SIZE).map(this::row).toList();
		String newer = (current > 1) ? link(status, current - 1) : null;
		String older = (found.size() > PAGE_SIZE) ? link(status, current + 1) : null;
		DashboardView view = new DashboardView(Done.message(done), counts(this.notes.counts()), filters(status), rows,
				empty(filter, current), newer, older, this.images.survey().withLocation().size());
		return this.pages.page(HttpStatus.OK, "admin/dashboard.jte", "Notes", view, csrf);
	}

	private DashboardView.Row row(Note note) {
		boolean scheduled = note.scheduledAt(this.clock.instant());
		String status = note.deleted() ? "Deleted" : scheduled ? "Scheduled" : note.published() ? "Published" : "Draft";
		String viewUrl = (note.visible() && !scheduled) ? this.settings.url("notes", note.slug()).toString() : null;
		return new DashboardView.Row(note.id(), this.pages.headline(note), status, AdminPages.iso(note.createdAt()),
				AdminPages.forPeople(note.createdAt()), viewUrl, note.deleted());
	}

	private static Optional<Integer> pageNumber(String page) {
		if (page == null) {
			return Optional.of(1);
		}
		if (!page.matches("[1-9][0-9]{0,5}")) {
			return Optional.empty();
		}
		return Optional.of(Integer.parseInt(page));
	}

	private static String link(String status, int page) {
		StringBuilder link = new StringBuilder("/admin");
		if (status != null) {
			link.append("?status=").append(status);
		}
		if (page > 1) {
			link.append((status != null) ? '&' : '?').append("page=").append(page);
		}
		return link.toString();
	}

	private static String counts(NoteCounts counts) {
		return counts.published() + " published · " + counts.drafts() + ((counts.drafts() == 1) ? " draft" : " drafts")
				+ " · " + counts.deleted() + " deleted"
				+ ((counts.scheduled() > 0) ? " · " + counts.scheduled() + " scheduled" : "");
	}

	private static List<DashboardView.Filter> filters(String status) {
		return Arrays.asList(new DashboardView.Filter("All", "/admin", status == null),
				new DashboardView.Filter("Published", "/admin?status=published", "published".equals(status)),
				new DashboardView.Filter("Scheduled", "/admin?status=scheduled", "scheduled".equals(status)),
				new DashboardView.Filter("Drafts", "/admin?status=draft", "draft".equals(status)),
				new DashboardView.Filter("Deleted", "/admin?status=deleted", "deleted".equals(status)));
	}

	private static String empty(NoteFilter filter, int page) {
		if (page > 1) {
			return "There are no notes on this page.";
		}
		return switch (filter) {
			case ALL -> "No notes yet.";
			case PUBLISHED -> "No published notes.";
			case SCHEDULED -> "No scheduled notes.";
			case DRAFT -> "No drafts.";
			case DELETED -> "No deleted notes.";
		};
	}

}
