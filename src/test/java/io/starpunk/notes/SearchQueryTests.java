package io.starpunk.notes;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What a person types becomes FTS5 strings, never FTS5 syntax.
 */
class SearchQueryTests {

	@Test
	void quotesEachWordAndJoinsThemWithImplicitAnd() {
		assertThat(SearchQuery.parse("  running shoes ").match()).isEqualTo("\"running\" \"shoes\"");
		assertThat(SearchQuery.parse("  running shoes ").text()).isEqualTo("running shoes");
	}

	@Test
	void readsOperatorsAndPunctuationAsWordsOrSeparators() {
		assertThat(SearchQuery.parse("cats AND dogs").match()).isEqualTo("\"cats\" \"AND\" \"dogs\"");
		assertThat(SearchQuery.parse("NEAR(a b").match()).isEqualTo("\"NEAR\" \"a\" \"b\"");
		assertThat(SearchQuery.parse("title:x").match()).isEqualTo("\"title\" \"x\"");
		assertThat(SearchQuery.parse("-minus ^caret {x} (y)").match()).isEqualTo("\"minus\" \"caret\" \"x\" \"y\"");
		assertThat(SearchQuery.parse("don't").match()).isEqualTo("\"don\" \"t\"");
	}

	@Test
	void keepsAQuotedPhraseAndAPrefix() {
		assertThat(SearchQuery.parse("\"two words\" run*").match()).isEqualTo("\"two words\" \"run\"*");
		assertThat(SearchQuery.parse("\"unbalanced phrase").match()).isEqualTo("\"unbalanced phrase\"");
		assertThat(SearchQuery.parse("\"*\" a").match()).isEqualTo("\"a\"");
	}

	@Test
	void keepsAccentsLettersOfEveryScriptAndDigits() {
		assertThat(SearchQuery.parse("café naïve 日本語 2026").match()).isEqualTo("\"café\" \"naïve\" \"日本語\" \"2026\"");
		assertThat(SearchQuery.parse("cafe\u0301").match()).as("normalised to NFC").isEqualTo("\"café\"");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "   ", "*", "-", ":", "\"", "\"\"", "()", "^", "'", "\\", "%", "_", "🎉", "\u0000",
			"* - : \" ( ) { }" })
	void refusesAQueryWithoutAWord(String typed) {
		assertThatExceptionOfType(InvalidSearchException.class).isThrownBy(() -> SearchQuery.parse(typed))
			.withMessageContaining("Type a word");
	}

	@Test
	void refusesNullTooLongAndTooManyWords() {
		assertThatExceptionOfType(InvalidSearchException.class).isThrownBy(() -> SearchQuery.parse(null));
		assertThatExceptionOfType(InvalidSearchException.class)
			.isThrownBy(() -> SearchQuery.parse("a".repeat(SearchQuery.MAX_LENGTH + 1)))
			.withMessageContaining("at most 200 characters");
		assertThat(SearchQuery.parse("a".repeat(SearchQuery.MAX_LENGTH)).match()).hasSize(202);
		assertThatExceptionOfType(InvalidSearchException.class)
			.isThrownBy(() -> SearchQuery.parse("w ".repeat(SearchQuery.MAX_TERMS + 1)))
			.withMessageContaining("at most 16 words");
	}

	@Test
	void highlightsEscapedTextOnly() {
		Highlighted snippet = Highlighted
			.of("<b>a</b> & \"q\" " + Highlighted.OPEN + "word" + Highlighted.CLOSE + " '");
		assertThat(snippet.html()).isEqualTo("&lt;b&gt;a&lt;/b&gt; &amp; &quot;q&quot; <mark>word</mark> &#39;");
		assertThat(snippet.text()).isEqualTo("<b>a</b> & \"q\" word '");
		assertThat(Highlighted.of(Highlighted.OPEN + "open").html()).isEqualTo("<mark>open</mark>");
		assertThat(Highlighted.of(null).html()).isEmpty();
	}

}
