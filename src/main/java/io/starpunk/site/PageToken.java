package io.starpunk.site;

import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.starpunk.notes.Note;
import io.starpunk.notes.NoteCursor;

/**
 * The {@code ?before=} value of the home page's pagination: the creation time (epoch
 * seconds, negative before 1970) and id of the last note on the previous page, as
 * {@code 1732470000-42} or {@code -46388131200-7}.
 */
final class PageToken {

	private static final Pattern FORMAT = Pattern.compile("(-?[0-9]{1,12})-([0-9]{1,18})");

	private PageToken() {
	}

	static String format(NoteCursor cursor) {
		return cursor.createdAt().getEpochSecond() + "-" + cursor.id();
	}

	/**
	 * Reads a token.
	 * @param token the value given
	 * @return the cursor, or empty when the token is not one this site wrote
	 */
	static Optional<NoteCursor> parse(String token) {
		Matcher matcher = FORMAT.matcher(token);
		if (!matcher.matches()) {
			return Optional.empty();
		}
		Instant createdAt = Instant.ofEpochSecond(Long.parseLong(matcher.group(1)));
		if (!Note.datable(createdAt)) {
			return Optional.empty();
		}
		return Optional.of(new NoteCursor(createdAt, Long.parseLong(matcher.group(2))));
	}

}
