package io.starpunk.admin;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import io.starpunk.notes.InvalidNoteException;
import io.starpunk.notes.Note;

/**
 * The editor's "Publish at" field: a date and time in UTC, as a browser's
 * {@code datetime-local} input sends it ({@code 2026-12-24T18:00}, seconds optional), or
 * with an offset. Empty means now; a time in the future schedules the note.
 */
final class PublishAt {

	static final String FIELD = "published-at";

	private PublishAt() {
	}

	/**
	 * The instant typed.
	 * @param typed the field, as sent
	 * @return the instant, or {@code null} for an empty field
	 * @throws InvalidNoteException when it is not a date and time the notes can hold
	 */
	static Instant parse(String typed) {
		String text = (typed != null) ? typed.strip() : "";
		if (text.isEmpty()) {
			return null;
		}
		Instant instant;
		try {
			instant = LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
		}
		catch (DateTimeException ex) {
			try {
				instant = OffsetDateTime.parse(text).toInstant();
			}
			catch (DateTimeException again) {
				throw new InvalidNoteException(FIELD,
						"Give a date and time such as 2026-12-24T18:00 (UTC), or nothing");
			}
		}
		if (!Note.datable(instant)) {
			throw new InvalidNoteException(FIELD,
					"The date must be in the years " + Note.FIRST_YEAR + " to " + Note.LAST_YEAR + " (UTC)");
		}
		return instant;
	}

}
