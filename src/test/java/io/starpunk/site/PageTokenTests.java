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
	void refusesAnythingElse() {
		for (String token : new String[] { "", "x", "1-", "-1", "1--2", "1-2-3", " 1-2", "1.5-2", "+1-2",
				"1234567890123-1", "1-1234567890123456789", "١٢-٣" }) {
			assertThat(PageToken.parse(token)).as(token).isEmpty();
		}
	}

}
