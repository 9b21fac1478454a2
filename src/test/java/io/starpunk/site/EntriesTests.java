package io.starpunk.site;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EntriesTests {

	@Test
	void headlineIsTheFirstLineWithoutMarkdownMarks() {
		assertThat(Entries.headline("Hello world! This is my **first** note.\n\nMore."))
			.isEqualTo("Hello world! This is my first note.");
		assertThat(Entries.headline("\n\n# A *heading*\ntext")).isEqualTo("A heading");
		assertThat(Entries.headline("Reading <https://indieweb.org/note> and [a link](https://example.com/)"))
			.isEqualTo("Reading https://indieweb.org/note and a link");
		assertThat(Entries.headline("- one\n- two")).isEqualTo("one");
	}

	@Test
	void headlineIsShortAndNeverEmpty() {
		assertThat(Entries.headline("word ".repeat(40))).hasSizeLessThanOrEqualTo(70).endsWith("…");
		assertThat(Entries.headline("  \n ")).isEqualTo("A note");
		assertThat(Entries.headline("<b>raw</b> html")).isEqualTo("<b>raw</b> html");
	}

}
