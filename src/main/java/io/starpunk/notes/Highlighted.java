package io.starpunk.notes;

/**
 * A snippet of a note's text where a search matched: the text HTML-escaped, with the
 * matching words in {@code <mark>}. Nothing the note contains becomes markup: the notes
 * package makes it from the plain words of the search index, escapes them, and only then
 * turns its own markers into {@code <mark>} elements. A template may write it unescaped.
 */
public final class Highlighted {

	/** Where FTS5 puts the start of a match: a private-use character no note keeps. */
	static final char OPEN = '\uE000';

	/** Where FTS5 puts the end of a match. */
	static final char CLOSE = '\uE001';

	private final String html;

	private final String text;

	private Highlighted(String html, String text) {
		this.html = html;
		this.text = text;
	}

	/**
	 * Reads a snippet made by FTS5's {@code snippet()} with {@link #OPEN} and
	 * {@link #CLOSE} around the matches.
	 */
	static Highlighted of(String marked) {
		String value = (marked != null) ? marked : "";
		StringBuilder html = new StringBuilder(value.length() + 32);
		StringBuilder text = new StringBuilder(value.length());
		boolean open = false;
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case OPEN -> {
					if (!open) {
						html.append("<mark>");
						open = true;
					}
				}
				case CLOSE -> {
					if (open) {
						html.append("</mark>");
						open = false;
					}
				}
				case '&' -> html.append("&amp;");
				case '<' -> html.append("&lt;");
				case '>' -> html.append("&gt;");
				case '"' -> html.append("&quot;");
				case '\'' -> html.append("&#39;");
				default -> html.append(c);
			}
			if (c != OPEN && c != CLOSE) {
				text.append(c);
			}
		}
		if (open) {
			html.append("</mark>");
		}
		return new Highlighted(html.toString(), text.toString());
	}

	/** The snippet as HTML: escaped text and {@code <mark>} elements. */
	public String html() {
		return this.html;
	}

	/** The snippet as plain text, without the marks. */
	public String text() {
		return this.text;
	}

	@Override
	public String toString() {
		return this.html;
	}

}
