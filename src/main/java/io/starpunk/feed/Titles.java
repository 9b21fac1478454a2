package io.starpunk.feed;

import java.util.regex.Pattern;

/**
 * A title for a note, which has none: its first non-blank line with the Markdown marks
 * taken off, shortened to a readable length.
 */
final class Titles {

	static final int MAX_LENGTH = 80;

	private static final Pattern LEADING_MARKS = Pattern.compile("^(#{1,6}\\s+|>\\s*|[-*+]\\s+|\\d+[.)]\\s+)+");

	private static final Pattern LINK = Pattern.compile("!?\\[([^\\]]*)\\]\\([^)]*\\)");

	private static final Pattern AUTOLINK = Pattern.compile("<((?:https?|mailto):[^>\\s]+)>");

	private static final Pattern EMPHASIS = Pattern.compile("(\\*\\*|__|\\*|_|~~|`)");

	private Titles() {
	}

	static String fromMarkdown(String markdown, String fallback) {
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
		if (title.codePointCount(0, title.length()) <= MAX_LENGTH) {
			return title;
		}
		int end = title.offsetByCodePoints(0, MAX_LENGTH - 1);
		int space = title.lastIndexOf(' ', end);
		return title.substring(0, (space > MAX_LENGTH / 2) ? space : end).strip() + "…";
	}

}
