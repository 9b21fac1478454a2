package io.starpunk.feed;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.GregorianCalendar;
import java.util.Locale;
import java.util.TimeZone;

/**
 * Dates for Rome, which prints them with {@code java.text}: its calendar is Julian before
 * 15 October 1582, so {@code Date.from} of a note published on 0500-06-15 (ISO 8601, the
 * proleptic Gregorian calendar every other view of the note uses) would be printed as
 * 0500-06-13. An older instant is handed over as the date whose Julian fields are the
 * note's ISO 8601 fields, so the feeds print the same date as the page and
 * {@code q=source}. (The RSS weekday of such a date is the Julian one, and the ten
 * Gregorian days 1582-10-05 to 1582-10-14 have no such date; RSS readers use neither.)
 */
final class FeedDates {

	private static final Instant GREGORIAN_CHANGE = Instant.parse("1582-10-15T00:00:00Z");

	private FeedDates() {
	}

	static Date of(Instant instant) {
		if (!instant.isBefore(GREGORIAN_CHANGE)) {
			return Date.from(instant);
		}
		LocalDateTime utc = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
		GregorianCalendar julian = new GregorianCalendar(TimeZone.getTimeZone("UTC"), Locale.ROOT);
		julian.setGregorianChange(new Date(Long.MAX_VALUE));
		julian.clear();
		julian.set(utc.getYear(), utc.getMonthValue() - 1, utc.getDayOfMonth(), utc.getHour(), utc.getMinute(),
				utc.getSecond());
		return julian.getTime();
	}

}
