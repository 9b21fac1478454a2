package io.starpunk.site;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.starpunk.notes.NoteCursor;

import static org.assertj.core.api.Assertions.assertThat;

class PageTokenTests {

	@Test
	void writesEpochSecondsAndId() {
		assertThat(PageToken.format(new NoteCursor(Instant.ofEpochSecond(1732470000), 42))).isEqualTo("1732470000-42");
	}

	@Test
	void readsWhatItWrites() {
		NoteCursor cursor = new NoteCursor(Instant.parse("2025-11-18T12:00:00Z"), 7);
		assertThat(PageToken.parse(PageToken.format(cursor))).hasValue(cursor);
	}

	@Test
	void readsTheNegativeSecondsOfANoteBefore1970() {
		for (String date : new String[] { "0500-06-15T12:00:00Z", "0001-01-01T00:00:00Z", "1969-12-31T23:59:59Z",
				"9999-12-31T23:59:59Z" }) {
			NoteCursor cursor = new NoteCursor(Instant.parse(date), 3);
			assertThat(PageToken.parse(PageToken.format(cursor))).as(date).hasValue(cursor);
		}
		assertThat(PageToken.format(new NoteCursor(Instant.parse("0500-06-15T12:00:00Z"), 3)))
			.isEqualTo("-46374379200-3");
	}

	@Test
	void refusesATimeOutsideTheYearsANoteMayHave() {
		for (String token : new String[] { "-62135596801-1", "253402300800-1", "-999999999999-1", "999999999999-1" }) {
			assertThat(PageToken.parse(token)).as(token).isEmpty();
		}
	}

	@Test
	void refusesAnythingElse() {
		for (String token : new String[] { "", "x", "1-", "-1", "1--2", "1-2-3", " 1-2", "1.5-2", "+1-2",
				"1234567890123-1", "1-1234567890123456789", "١٢-٣" }) {
			assertThat(PageToken.parse(token)).as(token).isEmpty();
		}
	}

}
