package io.starpunk.notes;

import java.time.Instant;

/**
 * A note to create, as a Micropub client describes it.
 *
 * @param text its text: Markdown, or HTML (sanitised before it is written) when
 * {@code properties.html()} says so
 * @param slug a custom slug, or {@code null} to derive one from the name or the text
 * @param published public, or a draft
 * @param publishedAt when it was published, or {@code null} for now
 * @param properties everything else it holds
 */
public record NewNote(String text, String slug, boolean published, Instant publishedAt, NoteProperties properties) {

	public NewNote {
		properties = (properties != null) ? properties : NoteProperties.NONE;
	}

}
