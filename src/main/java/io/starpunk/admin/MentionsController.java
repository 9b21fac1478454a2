package io.starpunk.admin;

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

import io.starpunk.notes.Notes;
import io.starpunk.webmention.Mention;
import io.starpunk.webmention.Mentions;

/**
 * {@code /admin/mentions}: the webmentions received, pending first, then approved and
 * rejected, each with its source, author, kind, excerpt and note; approve, reject,
 * delete, or block the source's domain (its mentions deleted, its webmentions refused
 * from then on).
 */
@Controller
class MentionsController {

	/** The most mentions a section shows. */
	static final int SHOWN = 100;

	private static final Map<String, String> DONE = Map.of("approved", "Mention approved: it shows under its note.",
			"rejected", "Mention rejected: it stays hidden.", "deleted", "Mention deleted.", "blocked",
			"Domain blocked: its mentions are deleted and its webmentions refused.", "unblocked", "Domain unblocked.");

	private final Mentions mentions;

	private final Notes notes;

	private final AdminPages pages;

	MentionsController(Mentions mentions, Notes notes, AdminPages pages) {
		this.mentions = mentions;
		this.notes = notes;
		this.pages = pages;
	}

	@GetMapping("/admin/mentions")
	ResponseEntity<String> showMentions(@RequestParam(required = false) String done, CsrfToken csrf) {
		List<MentionsView.Section> sections = List.of(section(Mention.PENDING, "Waiting for you"),
				section(Mention.APPROVED, "Approved"), section(Mention.REJECTED, "Rejected"));
		MentionsView view = new MentionsView((done != null) ? DONE.get(done) : null, sections,
				this.mentions.blockedDomains());
		return this.pages.page(HttpStatus.OK, "admin/mentions.jte", "Mentions", view, csrf);
	}

	@PostMapping("/admin/mentions/{id}/approve")
	ResponseEntity<String> approveMention(@PathVariable long id, CsrfToken csrf) {
		return this.mentions.approve(id) ? AdminPages.redirect("/admin/mentions?done=approved") : missing(csrf);
	}

	@PostMapping("/admin/mentions/{id}/reject")
	ResponseEntity<String> rejectMention(@PathVariable long id, CsrfToken csrf) {
		return this.mentions.reject(id) ? AdminPages.redirect("/admin/mentions?done=rejected") : missing(csrf);
	}

	@PostMapping("/admin/mentions/{id}/delete")
	ResponseEntity<String> deleteMention(@PathVariable long id, CsrfToken csrf) {
		return this.mentions.delete(id) ? AdminPages.redirect("/admin/mentions?done=deleted") : missing(csrf);
	}

	@PostMapping("/admin/mentions/block")
	ResponseEntity<String> blockDomain(@RequestParam(required = false) String domain, CsrfToken csrf) {
		try {
			this.mentions.block(domain);
		}
		catch (IllegalArgumentException ex) {
			return this.pages.error(HttpStatus.BAD_REQUEST, "Not a domain", ex.getMessage(), csrf);
		}
		return AdminPages.redirect("/admin/mentions?done=blocked");
	}

	@PostMapping("/admin/mentions/unblock")
	ResponseEntity<String> unblockDomain(@RequestParam(required = false) String domain, CsrfToken csrf) {
		if (domain == null || !this.mentions.unblock(domain)) {
			return this.pages.error(HttpStatus.NOT_FOUND, "Not blocked", "That domain is not blocked.", csrf);
		}
		return AdminPages.redirect("/admin/mentions?done=unblocked");
	}

	private ResponseEntity<String> missing(CsrfToken csrf) {
		return this.pages.error(HttpStatus.NOT_FOUND, "No such mention",
				"There is no mention with that number; it may have been deleted or removed by its source.", csrf);
	}

	private MentionsView.Section section(String status, String heading) {
		List<MentionsView.Row> rows = this.mentions.withStatus(status, SHOWN).stream().map(this::row).toList();
		return new MentionsView.Section(status, heading, this.mentions.count(status), rows);
	}

	private MentionsView.Row row(Mention mention) {
		String note = this.notes.find(mention.noteId()).map((found) -> "/notes/" + found.slug()).orElse(null);
		return new MentionsView.Row(mention.id(), mention.kind(), mention.source(), mention.sourceHost(),
				mention.authorLabel(), mention.excerpt(280), note, AdminPages.iso(mention.receivedAt()),
				AdminPages.forPeople(mention.receivedAt()), !mention.status().equals(Mention.APPROVED),
				!mention.status().equals(Mention.REJECTED));
	}

}
