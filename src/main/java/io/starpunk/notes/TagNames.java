package io.starpunk.notes;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The normalised name of a tag, by which it is looked up and which its URL carries
 * ({@code /tags/<name>}): Unicode compatibility forms unified, accents removed, lower
 * case, surrounding space trimmed and every run of spaces made one hyphen. "IndieWeb",
 * "indieweb" and "INDIEWEB" are one tag; so are "Café" and "cafe", and "Indie Web" and
 * "indie-web".
 */
public final class TagNames {

	/** The longest tag kept, in characters of its display spelling. */
	public static final int MAX_LENGTH = 100;

	private static final Pattern MARKS = Pattern.compile("\\p{M}+");

	private static final Pattern SPACES = Pattern.compile("[\\s\\p{Z}]+");

	private TagNames() {
	}

	/**
	 * The normalised name of a tag.
	 * @param tag a tag as someone spelled it
	 * @return its name, empty when nothing but space and marks was given
	 */
	public static String normalise(String tag) {
		String decomposed = Normalizer.normalize(tag, Normalizer.Form.NFKD);
		String folded = MARKS.matcher(decomposed).replaceAll("");
		String lower = Normalizer.normalize(folded, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
		return SPACES.matcher(lower).replaceAll(" ").strip().replace(' ', '-');
	}

	/**
	 * The spelling of a tag to keep for display: trimmed, with runs of spaces made one.
	 * @param tag a tag as someone spelled it
	 * @return its display spelling
	 */
	public static String display(String tag) {
		return SPACES.matcher(tag).replaceAll(" ").strip();
	}

}
