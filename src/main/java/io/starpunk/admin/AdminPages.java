package io.starpunk.admin;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Component;

import io.starpunk.notes.Headlines;
import io.starpunk.notes.Note;
import io.starpunk.notes.NoteProperties;
import io.starpunk.notes.Notes;
import io.starpunk.owner.OwnerPages;

/**
 * What the admin controllers share: pages and error pages in the owner's layout, the
 * redirect after a form, and a note's headline and times as people read them.
 */
@Component
class AdminPages {

	private static final DateTimeFormatter FOR_PEOPLE = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'",
			Locale.ENGLISH);

	private final OwnerPages pages;

	private final Notes notes;

	AdminPages(OwnerPages pages, Notes notes) {
		this.pages = pages;
		this.notes = notes;
	}

	ResponseEntity<String> page(HttpStatus status, String template, String title, Object view, CsrfToken csrf) {
		return this.pages.page(status, template, title, view, csrf);
	}

	ResponseEntity<String> error(HttpStatus status, String heading, String message, CsrfToken csrf) {
		return page(status, "admin/error.jte", heading, new ErrorPage(status.value(), heading, message), csrf);
	}

	/** 303 See Other, so that reloading the next page does not send the form again. */
	static ResponseEntity<String> redirect(String location) {
		return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create(location)).build();
	}

	/** A short plain line standing for a note, which has no title. */
	String headline(Note note) {
		NoteProperties properties = this.notes.properties(note);
		String plain = this.notes.text(note, properties).plain();
		String summary = properties.responseSummary();
		// a like, repost, bookmark or RSVP without text: what it responds to
		return Headlines.of((plain.isBlank() && summary != null) ? summary : plain, 70, "A note");
	}

	static String iso(Instant instant) {
		return DateTimeFormatter.ISO_INSTANT.format(instant);
	}

	static String forPeople(Instant instant) {
		return FOR_PEOPLE.format(instant.atZone(ZoneOffset.UTC));
	}

}
