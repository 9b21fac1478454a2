package io.starpunk.notes;

import java.util.regex.Pattern;

/**
 * A headline for a note, which has no title: its first non-blank line with the Markdown
 * marks taken off, shortened at a word to a readable length. Feeds use it as an item
 * title, pages as the document title.
 */
public final class Headlines {

	private static final Pattern LEADING_MARKS = Pattern.compile("^(#{1,6}\\s+|>\\s*|[-*+]\\s+|\\d+[.)]\\s+)+");

	private static final Pattern LINK = Pattern.compile("!?\\[([^\\]]*)\\]\\([^)]*\\)");

	private static final Pattern AUTOLINK = Pattern.compile("<((?:https?|mailto):[^>\\s]+)>");

	private static final Pattern EMPHASIS = Pattern.compile("(\\*\\*|__|\\*|_|~~|`)");

	private Headlines() {
	}

	/**
	 * The headline of a note's text.
	 * @param markdown the note's Markdown
	 * @param maxLength the most characters (code points) to return, ellipsis included
	 * @param fallback what to return when the text has no words
	 * @return the headline, plain text (to be escaped like any other text)
	 */
	public static String of(String markdown, int maxLength, String fallback) {
		String line = markdown.lines().map(String::strip).filter((text) -> !text.isEmpty()).findFirst().orElse("");
		String title = EMPHASIS
			.matcher(LINK.matcher(AUTOLINK.matcher(LEADING_MARKS.matcher(line).replaceFirst("")).replaceAll("$1"))
				.replaceAll("$1"))
			.replaceAll("")
			.replaceAll("\\s+", " ")
			.strip();
		if (title.isEmpty()) {
			return fallback;
		}
		if (title.codePointCount(0, title.length()) <= maxLength) {
			return title;
		}
		int end = title.offsetByCodePoints(0, maxLength - 1);
		int space = title.lastIndexOf(' ', end);
		return title.substring(0, (space > maxLength / 2) ? space : end).strip() + "…";
	}

}
