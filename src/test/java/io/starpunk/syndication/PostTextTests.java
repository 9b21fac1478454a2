package io.starpunk.syndication;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Fitting a note's text and permalink to a target's limit, without a server. */
class PostTextTests {

	private static final String PERMALINK = "https://blog.example/notes/a-note";

	@Test
	void aShortTextIsSentWholeWithThePermalink() {
		assertThat(PostText.fit("  Hello world  ", PERMALINK, 500, PostText.Counting.CHARACTERS))
			.isEqualTo("Hello world\n\n" + PERMALINK);
	}

	@Test
	void aLongTextIsCutOnAWordWithAnEllipsis() {
		String text = "one two three four five six seven eight nine ten";
		String fitted = PostText.fit(text, PERMALINK, 20 + 2 + PERMALINK.length(), PostText.Counting.CHARACTERS);
		assertThat(fitted).isEqualTo("one two three four…\n\n" + PERMALINK);
		assertThat(PostText.length(fitted, PostText.Counting.CHARACTERS))
			.isLessThanOrEqualTo(20 + 2 + PERMALINK.length());
	}

	@Test
	void aCutThatFallsOnAWordsEndKeepsThatWord() {
		String text = "alpha beta gamma";
		// room for "alpha beta" and the ellipsis exactly
		String fitted = PostText.fit(text, PERMALINK, 11 + 2 + PERMALINK.length(), PostText.Counting.CHARACTERS);
		assertThat(fitted).isEqualTo("alpha beta…\n\n" + PERMALINK);
	}

	@Test
	void graphemesCountAsOneEachForBluesky() {
		String family = "👩‍👩‍👧‍👦";
		assertThat(PostText.length(family, PostText.Counting.GRAPHEMES)).isEqualTo(1);
		assertThat(PostText.length(family, PostText.Counting.CHARACTERS)).isEqualTo(7);
		String text = (family + " ").repeat(10).strip();
		String fitted = PostText.fit(text, PERMALINK, 19 + 2 + PERMALINK.length(), PostText.Counting.GRAPHEMES);
		assertThat(fitted).isEqualTo(text + "\n\n" + PERMALINK);
	}

	@Test
	void anEmptyTextIsThePermalinkAlone() {
		assertThat(PostText.fit("   ", PERMALINK, 300, PostText.Counting.GRAPHEMES)).isEqualTo(PERMALINK);
	}

}
