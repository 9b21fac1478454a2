package io.starpunk.config;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Timestamps as StarPunk wrote them: UTC text {@code YYYY-MM-DD HH:MM:SS}, which SQLite's
 * own {@code CURRENT_TIMESTAMP} also writes, so rows from either compare as text.
 */
public final class SqlTime {

	private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	private SqlTime() {
	}

	/**
	 * The column text of an instant, to the second.
	 * @param instant the instant
	 * @return its text
	 */
	public static String text(Instant instant) {
		return TIMESTAMP.format(instant.truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC));
	}

	/**
	 * The instant of a column's text; a {@code T} separator and fractions of a second, as
	 * some StarPunk versions wrote, are accepted.
	 * @param text the column's text, or {@code null}
	 * @return the instant, or {@code null}
	 */
	public static Instant instant(String text) {
		if (text == null) {
			return null;
		}
		String plain = (text.length() > 19) ? text.substring(0, 19) : text;
		return LocalDateTime.parse(plain.replace('T', ' '), TIMESTAMP).toInstant(ZoneOffset.UTC);
	}

}
