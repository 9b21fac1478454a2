package io.starpunk.feed;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Text a feed can carry: XML allows no control characters but tab and line breaks, no
 * U+FFFE or U+FFFF and no unpaired surrogates.
 */
class FeedWriterTests {

	@Test
	void charactersXmlCannotCarryAreLeftOut() {
		assertThat(FeedWriter.xmlSafe("a\u0000b\u0001c\u001Fd\uFFFEe\uFFFFf")).isEqualTo("abcdef");
		assertThat(FeedWriter.xmlSafe("lone \uD83D high and \uDE00 low")).isEqualTo("lone  high and  low");
	}

	@Test
	void everythingElseIsKeptAsItIs() {
		String text = "Tab\there, line\nbreak\r\n, emoji \uD83D\uDE00, accents é, CJK 漢字, U+FFFD \uFFFD";
		assertThat(FeedWriter.xmlSafe(text)).isSameAs(text);
	}

}
