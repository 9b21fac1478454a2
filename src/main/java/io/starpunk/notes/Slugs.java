package io.starpunk.notes;

import java.text.Normalizer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * StarPunk's slug rules. The words rule (StarPunk 1.4 and before): the first words of a
 * note, folded to lower-case ASCII, joined by hyphens, at most {@value #MAX_LENGTH}
 * characters; a UTC timestamp when no word is left. The timestamp rule (StarPunk 1.5):
 * the moment the note was created, in UTC, as {@code yyyyMMddHHmmss}.
 */
final class Slugs {

	static final int MAX_LENGTH = 100;

	static final int WORDS = 5;

	private static final int MAX_ATTEMPTS = 100_000;

	private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuuMMdd-HHmmss", Locale.ROOT)
		.withZone(ZoneOffset.UTC);

	private static final Set<String> RESERVED = Set.of("admin", "auth", "api", "feed", "feeds", "micropub", "media",
			"notes", "note", "static", "health", "login", "logout", "well-known", ".well-known", "assets", "css", "js",
			"img", "favicon.ico", "robots.txt", "sitemap", "search", "tags", "tag", "category");

	/** Latin letters that Unicode decomposition leaves alone. */
	private static final Map<Character, String> LATIN = Map.ofEntries(Map.entry('ß', "ss"), Map.entry('ẞ', "ss"),
			Map.entry('æ', "ae"), Map.entry('œ', "oe"), Map.entry('ø', "o"), Map.entry('ł', "l"), Map.entry('đ', "d"),
			Map.entry('ð', "d"), Map.entry('þ', "th"), Map.entry('ı', "i"), Map.entry('ħ', "h"), Map.entry('ŧ', "t"),
			Map.entry('ŋ', "n"), Map.entry('ƒ', "f"), Map.entry('ĸ', "k"), Map.entry('ſ', "s"));

	private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");

	private static final Pattern APOSTROPHE_IN_WORD = Pattern.compile("(?<=[\\p{L}\\p{N}])['’](?=[\\p{L}\\p{N}])");

	private static final Pattern NOT_SLUG = Pattern.compile("[^a-z0-9]+");

	private static final Pattern CODE_FENCE = Pattern.compile("(?m)^\\s*(?:`{3,}|~{3,})\\S*");

	private static final Pattern IMAGE = Pattern.compile("!\\[([^\\]]*)]\\([^)]*\\)");

	private static final Pattern INLINE_LINK = Pattern.compile("\\[([^\\]]*)]\\([^)]*\\)");

	private static final Pattern REFERENCE_LINK = Pattern.compile("\\[([^\\]]*)]\\[[^\\]]*]");

	private static final Pattern LINK_DEFINITION = Pattern.compile("(?m)^\\s{0,3}\\[[^\\]]+]:\\s*\\S+.*$");

	private static final Pattern HTML_TAG = Pattern.compile("</?[A-Za-z][^>]*>|<(?:https?|mailto|ftp):[^>\\s]*>");

	private static final Pattern BARE_URL = Pattern.compile("(?i)\\b(?:https?|ftp)://\\S+|\\bwww\\.\\S+");

	private static final Pattern ENTITY = Pattern.compile("&(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#[xX][0-9A-Fa-f]+);");

	private static final Pattern WHITESPACE = Pattern.compile("\\s+");

	private static final DateTimeFormatter CREATED = DateTimeFormatter.ofPattern("uuuuMMddHHmmss", Locale.ROOT)
		.withZone(ZoneOffset.UTC);

	private Slugs() {
	}

	/**
	 * The slug for a new note under StarPunk 1.5's rule: when it was created, in UTC, to
	 * the second, as {@code yyyyMMddHHmmss} ({@code 20251118120000}).
	 * @param created the note's creation time
	 * @return fourteen digits
	 */
	static String fromCreation(Instant created) {
		return CREATED.format(Objects.requireNonNull(created, "created"));
	}

	/**
	 * The slug for a new note: its first {@value #WORDS} words, without Markdown syntax
	 * and URLs; a {@code yyyyMMdd-HHmmss} timestamp of {@code fallback} (UTC) when none
	 * of them has a letter or digit that folds to ASCII.
	 * @param markdown the note's content
	 * @param fallback the moment to name the note after when its words give no slug
	 * @return a slug of {@code [a-z0-9-]}, never empty
	 */
	static String fromContent(String markdown, Instant fallback) {
		Objects.requireNonNull(fallback, "fallback");
		List<String> words = new ArrayList<>(WORDS);
		for (String token : WHITESPACE.split(plainText((markdown != null) ? markdown : ""))) {
			String word = fold(token);
			if (!word.isEmpty()) {
				words.add(word);
				if (words.size() == WORDS) {
					break;
				}
			}
		}
		String slug = cap(fold(String.join("-", words)));
		return slug.isEmpty() ? TIMESTAMP.format(fallback) : slug;
	}

	/**
	 * The slug a person asked for, folded like a generated one.
	 * @param requested the slug as typed
	 * @return the sanitised slug
	 * @throws IllegalArgumentException when no letter or digit is left
	 */
	static String sanitiseCustom(String requested) {
		String slug = cap(fold((requested != null) ? requested : ""));
		if (slug.isEmpty()) {
			throw new IllegalArgumentException(
					"Slug '" + requested + "' has no letters or digits that fit in a URL; use a-z, 0-9 and hyphens");
		}
		return slug;
	}

	/**
	 * Whether the slug is a path the site itself uses.
	 * @param slug a slug
	 * @return {@code true} for a reserved word (the whole slug, ignoring case)
	 */
	static boolean isReserved(String slug) {
		return slug != null && RESERVED.contains(slug.toLowerCase(Locale.ROOT));
	}

	/**
	 * The first of {@code base}, {@code base-2}, {@code base-3}, … that is not taken,
	 * trimming {@code base} so the result stays within {@value #MAX_LENGTH} characters.
	 * To keep reserved words out as well, let {@code taken} say so.
	 * @param base a sanitised slug
	 * @param taken whether a slug is already in use
	 * @return a free slug
	 */
	static String unique(String base, Predicate<String> taken) {
		return unique(base, taken, 2);
	}

	/**
	 * The first of {@code base}, {@code base-first}, {@code base-(first+1)}, … that is
	 * not taken, trimming {@code base} so the result stays within {@value #MAX_LENGTH}
	 * characters. Words slugs count from 2 ({@link #unique(String, Predicate)}),
	 * timestamp slugs from 1, as StarPunk 1.5 numbers them.
	 * @param base a sanitised slug
	 * @param taken whether a slug is already in use
	 * @param first the first number to try
	 * @return a free slug
	 */
	static String unique(String base, Predicate<String> taken, int first) {
		Objects.requireNonNull(taken, "taken");
		if (base == null || base.isEmpty()) {
			throw new IllegalArgumentException("A slug to make unique must not be empty");
		}
		if (!taken.test(base)) {
			return base;
		}
		for (int n = first; n < first + MAX_ATTEMPTS; n++) {
			String suffix = "-" + n;
			String stem = base;
			if (stem.length() + suffix.length() > MAX_LENGTH) {
				stem = stripHyphens(stem.substring(0, MAX_LENGTH - suffix.length()));
			}
			String candidate = stem + suffix;
			if (!taken.test(candidate)) {
				return candidate;
			}
		}
		throw new IllegalStateException("No free slug for '" + base + "' after " + MAX_ATTEMPTS + " attempts");
	}

	/**
	 * Lower-case ASCII letters and digits, other runs as one hyphen, no hyphen at either
	 * end; apostrophes inside a word vanish ("don't" is "dont").
	 */
	static String fold(String text) {
		String lower = APOSTROPHE_IN_WORD.matcher(text).replaceAll("").toLowerCase(Locale.ROOT);
		String decomposed = COMBINING_MARKS.matcher(Normalizer.normalize(lower, Normalizer.Form.NFKD)).replaceAll("");
		StringBuilder latin = new StringBuilder(decomposed.length());
		for (int i = 0; i < decomposed.length(); i++) {
			char c = decomposed.charAt(i);
			latin.append(LATIN.getOrDefault(c, String.valueOf(c)));
		}
		return stripHyphens(NOT_SLUG.matcher(latin).replaceAll("-"));
	}

	private static String plainText(String markdown) {
		String text = CODE_FENCE.matcher(markdown).replaceAll(" ");
		text = LINK_DEFINITION.matcher(text).replaceAll(" ");
		text = IMAGE.matcher(text).replaceAll(" $1 ");
		text = INLINE_LINK.matcher(text).replaceAll(" $1 ");
		text = REFERENCE_LINK.matcher(text).replaceAll(" $1 ");
		text = HTML_TAG.matcher(text).replaceAll(" ");
		text = BARE_URL.matcher(text).replaceAll(" ");
		return ENTITY.matcher(text).replaceAll(" ");
	}

	private static String cap(String slug) {
		if (slug.length() <= MAX_LENGTH) {
			return slug;
		}
		if (slug.charAt(MAX_LENGTH) == '-') {
			return stripHyphens(slug.substring(0, MAX_LENGTH));
		}
		int lastHyphen = slug.lastIndexOf('-', MAX_LENGTH - 1);
		return stripHyphens((lastHyphen > 0) ? slug.substring(0, lastHyphen) : slug.substring(0, MAX_LENGTH));
	}

	private static String stripHyphens(String slug) {
		int start = 0;
		int end = slug.length();
		while (start < end && slug.charAt(start) == '-') {
			start++;
		}
		while (end > start && slug.charAt(end - 1) == '-') {
			end--;
		}
		return slug.substring(start, end);
	}

}
