package io.starpunk.notes;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;

/**
 * What a person typed into a search box, made into an FTS5 query that cannot be read as
 * syntax: the words (runs of letters and digits) each quoted as an FTS5 string and joined
 * by spaces, which FTS5 reads as AND. A phrase in double quotes stays a phrase; a word
 * ending in {@code *} becomes a prefix. Everything else a person can type ({@code AND},
 * {@code NEAR(}, {@code -}, {@code :}, {@code ^}, brackets) is a separator, so it is
 * searched for as the words around it or not at all.
 *
 * @param text the query as typed, trimmed
 * @param match the FTS5 query
 */
public record SearchQuery(String text, String match) {

	/** The longest query, in characters. */
	public static final int MAX_LENGTH = 200;

	/** The most words a query may have. */
	public static final int MAX_TERMS = 16;

	/**
	 * Reads a query.
	 * @param typed the query as typed, possibly {@code null}
	 * @return the query
	 * @throws InvalidSearchException when it is empty, too long, or has no word in it
	 */
	public static SearchQuery parse(String typed) {
		if (typed == null || typed.isBlank()) {
			throw new InvalidSearchException("Type a word to search for.");
		}
		String text = typed.strip();
		if (text.length() > MAX_LENGTH) {
			throw new InvalidSearchException("A search can be at most " + MAX_LENGTH + " characters long.");
		}
		text = Normalizer.normalize(text, Normalizer.Form.NFC);
		List<String> parts = new ArrayList<>();
		int terms = 0;
		int at = 0;
		while (at < text.length()) {
			int quote = text.indexOf('"', at);
			if (quote == at) {
				int end = text.indexOf('"', at + 1);
				List<String> phrase = words(text.substring(at + 1, (end < 0) ? text.length() : end), false);
				if (!phrase.isEmpty()) {
					parts.add(fts(String.join(" ", phrase)));
					terms += phrase.size();
				}
				at = (end < 0) ? text.length() : end + 1;
			}
			else {
				int end = (quote < 0) ? text.length() : quote;
				for (String word : words(text.substring(at, end), true)) {
					parts.add(word.endsWith("*") ? fts(word.substring(0, word.length() - 1)) + "*" : fts(word));
					terms++;
				}
				at = end;
			}
		}
		if (parts.isEmpty()) {
			throw new InvalidSearchException("Type a word to search for: letters or digits, not only punctuation.");
		}
		if (terms > MAX_TERMS) {
			throw new InvalidSearchException("A search can have at most " + MAX_TERMS + " words.");
		}
		return new SearchQuery(text, String.join(" ", parts));
	}

	/**
	 * The runs of letters and digits (with their accents), a trailing * kept if asked.
	 */
	private static List<String> words(String text, boolean prefixes) {
		List<String> words = new ArrayList<>();
		StringBuilder word = new StringBuilder();
		int i = 0;
		while (i < text.length()) {
			int c = text.codePointAt(i);
			if (wordCharacter(c)) {
				word.appendCodePoint(c);
			}
			else if (!word.isEmpty()) {
				if (prefixes && c == '*') {
					word.append('*');
				}
				words.add(word.toString());
				word.setLength(0);
			}
			i += Character.charCount(c);
		}
		if (!word.isEmpty()) {
			words.add(word.toString());
		}
		return words;
	}

	private static boolean wordCharacter(int c) {
		if (Character.isLetterOrDigit(c)) {
			return true;
		}
		int type = Character.getType(c);
		return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK;
	}

	/** An FTS5 string: in double quotes, a double quote inside doubled. */
	private static String fts(String words) {
		return "\"" + words.replace("\"", "\"\"") + "\"";
	}

}
