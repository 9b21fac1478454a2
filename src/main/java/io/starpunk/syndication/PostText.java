package io.starpunk.syndication;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A note's text fitted to a length limit with its permalink after it: the text whole when
 * it fits, otherwise cut on a word boundary and ended with "…". Lengths count what the
 * target counts: characters (code points, Mastodon) or graphemes (what a reader sees as
 * one character, Bluesky).
 */
final class PostText {

	/** Between the text and the permalink. */
	static final String SEPARATOR = "\n\n";

	private static final String ELLIPSIS = "…";

	private static final Pattern GRAPHEME = Pattern.compile("\\X");

	private PostText() {
	}

	/** How a target counts length. */
	enum Counting {

		/** Unicode code points. */
		CHARACTERS,

		/** Extended grapheme clusters. */
		GRAPHEMES

	}

	/**
	 * The text and the permalink, together at most {@code max} long.
	 * @param text the note's text
	 * @param permalink its URL
	 * @param max the limit
	 * @param counting how the target counts
	 * @return the post's text
	 */
	static String fit(String text, String permalink, int max, Counting counting) {
		String tail = SEPARATOR + permalink;
		String body = text.strip();
		if (body.isEmpty()) {
			return permalink;
		}
		int room = max - length(tail, counting);
		if (length(body, counting) <= room) {
			return body + tail;
		}
		int budget = room - length(ELLIPSIS, counting);
		if (budget <= 0) {
			return permalink;
		}
		List<Integer> boundaries = boundaries(body, counting);
		// the longest prefix of whole units that fits
		String cut = body.substring(0, boundaries.get(Math.min(budget, boundaries.size() - 1)));
		boolean wordEnds = cut.length() < body.length() && Character.isWhitespace(body.charAt(cut.length()));
		int space = lastSpace(cut);
		if (!wordEnds && space > cut.length() / 2) {
			cut = cut.substring(0, space);
		}
		cut = cut.stripTrailing();
		while (!cut.isEmpty() && ",;:-–—".indexOf(cut.charAt(cut.length() - 1)) >= 0) {
			cut = cut.substring(0, cut.length() - 1).stripTrailing();
		}
		return cut.isEmpty() ? permalink : cut + ELLIPSIS + tail;
	}

	/**
	 * How long a text is, as a target counts.
	 * @param text the text
	 * @param counting how
	 * @return its length
	 */
	static int length(String text, Counting counting) {
		return boundaries(text, counting).size() - 1;
	}

	/** The offsets where each unit starts, and the text's end. */
	private static List<Integer> boundaries(String text, Counting counting) {
		List<Integer> offsets = new ArrayList<>();
		if (counting == Counting.CHARACTERS) {
			for (int offset = 0; offset < text.length(); offset = text.offsetByCodePoints(offset, 1)) {
				offsets.add(offset);
			}
			offsets.add(text.length());
			return offsets;
		}
		// the regex engine's \X is an extended grapheme cluster (UAX #29), emoji
		// sequences
		// included; BreakIterator on Java 17 splits those
		Matcher graphemes = GRAPHEME.matcher(text);
		while (graphemes.find()) {
			offsets.add(graphemes.start());
		}
		offsets.add(text.length());
		return offsets;
	}

	private static int lastSpace(String text) {
		for (int index = text.length() - 1; index > 0; index--) {
			if (Character.isWhitespace(text.charAt(index))) {
				return index;
			}
		}
		return -1;
	}

}
