package io.starpunk.notes;

import org.jsoup.Jsoup;

/**
 * A note's text as read from its file: Markdown, or sanitised HTML that a Micropub client
 * sent as {@code {"html": ...}}.
 *
 * @param markdown the text (HTML when {@code html} is set)
 * @param intact whether the file matched the note's content hash
 * @param html whether the text is HTML rather than Markdown
 */
public record NoteText(String markdown, boolean intact, boolean html) {

	/** The text to make a headline or slug from: the HTML's text, or the Markdown. */
	public String plain() {
		return this.html ? Jsoup.parse(this.markdown).text() : this.markdown;
	}

}
