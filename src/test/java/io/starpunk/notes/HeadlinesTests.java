package io.starpunk.notes;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HeadlinesTests {

	@Test
	void theFirstLineWithoutMarkdownIsTheTitle() {
		assertThat(Headlines.of("Hello world! This is my **first** note on StarPunk.\n\nMore.", 80, "x"))
			.isEqualTo("Hello world! This is my first note on StarPunk.");
		assertThat(Headlines.of("\n\n# A [link](https://example.com) and <https://indieweb.org/note>\n", 80, "x"))
			.isEqualTo("A link and https://indieweb.org/note");
	}

	@Test
	void aLongFirstLineIsShortenedAtAWord() {
		String title = Headlines.of("word ".repeat(40), 80, "x");
		assertThat(title).endsWith("word…").hasSizeLessThanOrEqualTo(80);
	}

	@Test
	void aNoteWithoutWordsIsTitledByItsFallback() {
		assertThat(Headlines.of("**  **", 80, "the-slug")).isEqualTo("the-slug");
	}

}
