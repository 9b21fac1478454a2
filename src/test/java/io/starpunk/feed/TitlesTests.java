package io.starpunk.feed;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TitlesTests {

	@Test
	void theFirstLineWithoutMarkdownIsTheTitle() {
		assertThat(Titles.fromMarkdown("Hello world! This is my **first** note on StarPunk.\n\nMore.", "x"))
			.isEqualTo("Hello world! This is my first note on StarPunk.");
		assertThat(Titles.fromMarkdown("\n\n# A [link](https://example.com) and <https://indieweb.org/note>\n", "x"))
			.isEqualTo("A link and https://indieweb.org/note");
	}

	@Test
	void aLongFirstLineIsShortenedAtAWord() {
		String title = Titles.fromMarkdown("word ".repeat(40), "x");
		assertThat(title).endsWith("word…").hasSizeLessThanOrEqualTo(Titles.MAX_LENGTH);
	}

	@Test
	void aNoteWithoutWordsIsTitledByItsFallback() {
		assertThat(Titles.fromMarkdown("**  **", "the-slug")).isEqualTo("the-slug");
	}

}
