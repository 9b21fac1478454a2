package io.starpunk.notes;

import java.text.Normalizer;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.jsoup.Jsoup;

import org.springframework.stereotype.Component;

/**
 * What the search index holds of a note: its title (the explicit name, or the first line)
 * and its words as plain text: Markdown rendered and HTML read as a browser would, so
 * that markup, link targets and scripts are not searched and never reach a snippet.
 */
@Component
class SearchText {

	private static final int TITLE_LENGTH = 200;

	private final Parser parser = Parser.builder().extensions(MarkdownRenderer.EXTENSIONS).build();

	private final HtmlRenderer renderer = HtmlRenderer.builder().extensions(MarkdownRenderer.EXTENSIONS).build();

	/**
	 * The title of a note.
	 * @param text the note's text
	 * @param properties its properties
	 * @return its explicit name, or its headline, as plain text
	 */
	String title(String text, NoteProperties properties) {
		String title = properties.name().orElseGet(() -> Headlines.of(plainSource(text, properties), TITLE_LENGTH, ""));
		return clean(title);
	}

	/**
	 * The words of a note.
	 * @param text the note's text, Markdown or HTML as its properties say
	 * @param properties its properties
	 * @return its text without markup
	 */
	String words(String text, NoteProperties properties) {
		String html = properties.html() ? text : this.renderer.render(this.parser.parse(text));
		return clean(Jsoup.parse(html).body().text());
	}

	private static String plainSource(String text, NoteProperties properties) {
		return new NoteText(text, true, properties.html()).plain();
	}

	/** NFC, and without the characters that mark matches in a snippet. */
	private static String clean(String text) {
		return Normalizer.normalize(text, Normalizer.Form.NFC)
			.replace(Highlighted.OPEN, ' ')
			.replace(Highlighted.CLOSE, ' ');
	}

}
