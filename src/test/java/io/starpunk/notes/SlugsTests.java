package io.starpunk.notes;

import java.time.Instant;
import java.util.Set;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SlugsTests {

	private static final Instant MOMENT = Instant.parse("2024-03-05T07:08:09Z");

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			Hello world                                  | hello-world
			Hello, world! How are you today? Fine.       | hello-world-how-are-you
			one two three four five six seven            | one-two-three-four-five
			  leading and   trailing   spaces            | leading-and-trailing-spaces
			UPPER lower MiXeD                            | upper-lower-mixed
			Version 2.0 is out                           | version-2-0-is-out
			don't stop believin'                         | dont-stop-believin
			snake_case and kebab-case                    | snake-case-and-kebab-case
			a -- b ... c !!! d                           | a-b-c-d
			""")
	void takesTheFirstFiveWordsOfPlainText(String content, String slug) {
		assertThat(Slugs.fromContent(content, MOMENT)).isEqualTo(slug);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			**bold** and _italic_ words here          | bold-and-italic-words-here
			# Title of the post                        | title-of-the-post
			### A smaller heading                      | a-smaller-heading
			> quoted text                              | quoted-text
			- a list item                              | a-list-item
			`code` first                               | code-first
			~~struck~~ through                         | struck-through
			Read [the spec](http://x.example/spec) now | read-the-spec-now
			![a cat](https://x.example/cat.png) sleeps | a-cat-sleeps
			See https://indieweb.org/note for more     | see-for-more
			See <https://indieweb.org/note> for more   | see-for-more
			Visit www.example.com today                | visit-today
			Fish &amp; chips                           | fish-chips
			<em>Raw</em> html <br> here                | raw-html-here
			""")
	void leavesMarkdownSyntaxAndUrlsOut(String content, String slug) {
		assertThat(Slugs.fromContent(content, MOMENT)).isEqualTo(slug);
	}

	@Test
	void skipsCodeFenceInfoAndLinkDefinitions() {
		String content = """
				[ref]: https://example.com/a
				```java
				int answer
				```
				""";
		assertThat(Slugs.fromContent(content, MOMENT)).isEqualTo("int-answer");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			Café naïve                    | cafe-naive
			Straße in Köln                | strasse-in-koln
			Æsir og ærø                   | aesir-og-aero
			Øresund bridge                | oresund-bridge
			Łódź łąka                     | lodz-laka
			Crème brûlée                  | creme-brulee
			Ångström Đorđe Þór            | angstrom-dorde-thor
			ŒUVRE œuvre                   | oeuvre-oeuvre
			ﬁne ＦＵＬＬ width ²            | fine-full-width-2
			İstanbul                      | istanbul
			""")
	void foldsLatinLettersToAscii(String content, String slug) {
		assertThat(Slugs.fromContent(content, MOMENT)).isEqualTo(slug);
	}

	@ParameterizedTest
	@ValueSource(strings = { "日本語", "🎉🎉 🚀", "Привет мир", "## ***", "https://example.com/only-a-link", "   ", "" })
	void fallsBackToTheTimestampWhenNoWordIsLeft(String content) {
		assertThat(Slugs.fromContent(content, MOMENT)).isEqualTo("20240305-070809");
	}

	@Test
	void timestampIsInUtcWhateverTheMoment() {
		assertThat(Slugs.fromContent("🙂", Instant.parse("1999-12-31T23:59:58Z"))).isEqualTo("19991231-235958");
		assertThat(Slugs.fromContent(null, Instant.parse("2030-01-02T03:04:05.999Z"))).isEqualTo("20300102-030405");
	}

	@Test
	void wordsThatFoldToNothingDoNotUseUpTheFiveWords() {
		assertThat(Slugs.fromContent("🎉 日本語 — one two three four five six", MOMENT))
			.isEqualTo("one-two-three-four-five");
		assertThat(Slugs.fromContent("🎉 party time", MOMENT)).isEqualTo("party-time");
	}

	@Test
	void capsAtOneHundredCharactersOnAWordBoundary() {
		String word = "abcdefghijklmnopqrstuvwxyz"; // 26 letters
		String slug = Slugs.fromContent(String.join(" ", word, word, word, word, word), MOMENT);
		assertThat(slug).isEqualTo(String.join("-", word, word, word));
		assertThat(slug.length()).isLessThanOrEqualTo(Slugs.MAX_LENGTH);
	}

	@Test
	void capsOneLongWordAtExactlyOneHundred() {
		String slug = Slugs.fromContent("x".repeat(150) + " tail", MOMENT);
		assertThat(slug).isEqualTo("x".repeat(100));
	}

	@Test
	void cutExactlyAtAHyphenKeepsTheWholeFirstPart() {
		String content = "a".repeat(100) + " b";
		assertThat(Slugs.fromContent(content, MOMENT)).isEqualTo("a".repeat(100));
		String ninetyNine = "a".repeat(49) + " " + "b".repeat(49) + " " + "c".repeat(10);
		String slug = Slugs.fromContent(ninetyNine, MOMENT);
		assertThat(slug).isEqualTo("a".repeat(49) + "-" + "b".repeat(49)).doesNotEndWith("-");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			My Custom Slug          | my-custom-slug
			--already--hyphened--   | already-hyphened
			a___b   c               | a-b-c
			Über/Größe?x=1          | uber-grosse-x-1
			2024 recap              | 2024-recap
			""")
	void sanitisesACustomSlugLikeAGeneratedOne(String requested, String slug) {
		assertThat(Slugs.sanitiseCustom(requested)).isEqualTo(slug);
	}

	@Test
	void customSlugIsNotLimitedToFiveWordsButToOneHundredCharacters() {
		assertThat(Slugs.sanitiseCustom("one two three four five six seven"))
			.isEqualTo("one-two-three-four-five-six-seven");
		String slug = Slugs.sanitiseCustom("word-".repeat(30));
		assertThat(slug).hasSizeLessThanOrEqualTo(100).doesNotEndWith("-").startsWith("word-word");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "   ", "---", "日本語", "🎉", "!!!" })
	void rejectsACustomSlugWithNothingLeft(String requested) {
		assertThatIllegalArgumentException().isThrownBy(() -> Slugs.sanitiseCustom(requested))
			.withMessageContaining("Slug")
			.withMessageContaining("a-z, 0-9");
	}

	@Test
	void rejectsANullCustomSlug() {
		assertThatIllegalArgumentException().isThrownBy(() -> Slugs.sanitiseCustom(null));
	}

	@ParameterizedTest
	@ValueSource(strings = { "admin", "auth", "api", "feed", "feeds", "micropub", "media", "notes", "note", "static",
			"health", "login", "logout", "well-known", ".well-known", "assets", "css", "js", "img", "favicon.ico",
			"robots.txt", "sitemap", "search", "tags", "tag", "category", "ADMIN" })
	void reservesThePathsTheSiteUses(String slug) {
		assertThat(Slugs.isReserved(slug)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "admins", "my-admin", "admin-notes", "feed-2", "hello-world", "notes-on-api", "" })
	void reservesOnlyWholeWords(String slug) {
		assertThat(Slugs.isReserved(slug)).isFalse();
	}

	@Test
	void reservedWordsSanitiseToThemselvesSoTheCheckCatchesThem() {
		assertThat(Slugs.isReserved(Slugs.sanitiseCustom("Admin"))).isTrue();
		assertThat(Slugs.isReserved(Slugs.fromContent("Feed", MOMENT))).isTrue();
	}

	@Test
	void keepsAFreeBase() {
		assertThat(Slugs.unique("hello", (slug) -> false)).isEqualTo("hello");
	}

	@Test
	void numbersCollisionsFromTwo() {
		assertThat(Slugs.unique("hello", Set.of("hello")::contains)).isEqualTo("hello-2");
		assertThat(Slugs.unique("hello", Set.of("hello", "hello-2", "hello-3")::contains)).isEqualTo("hello-4");
	}

	@Test
	void skipsOnlyTakenNumbers() {
		assertThat(Slugs.unique("hello", Set.of("hello", "hello-3")::contains)).isEqualTo("hello-2");
	}

	@Test
	void keepsNumberedSlugsWithinOneHundredCharacters() {
		String base = "a".repeat(60) + "-" + "b".repeat(39);
		assertThat(base).hasSize(100);
		String second = Slugs.unique(base, Set.of(base)::contains);
		assertThat(second).hasSizeLessThanOrEqualTo(100).endsWith("-2").startsWith("a".repeat(60));
		Predicate<String> manyTaken = (slug) -> slug.equals(base) || !slug.endsWith("-10");
		String tenth = Slugs.unique(base, manyTaken);
		assertThat(tenth).hasSizeLessThanOrEqualTo(100).endsWith("-10").doesNotContain("--");
	}

	@Test
	void trimmingNeverLeavesADoubleHyphen() {
		String base = "a".repeat(97) + "-bc";
		String slug = Slugs.unique(base, Set.of(base)::contains);
		assertThat(slug).isEqualTo("a".repeat(97) + "-2");
	}

	@Test
	void uniqueCanAlsoKeepReservedWordsOut() {
		assertThat(Slugs.unique("admin", Slugs::isReserved)).isEqualTo("admin-2");
	}

	@Test
	void uniqueRejectsAnEmptyBase() {
		assertThatIllegalArgumentException().isThrownBy(() -> Slugs.unique("", (slug) -> false));
	}

	@ParameterizedTest
	@CsvSource({ "2025-11-18T12:00:00Z, 20251118120000", "2024-03-05T07:08:09.999Z, 20240305070809",
			"1999-12-31T23:59:59Z, 19991231235959", "2030-01-02T03:04:05+02:00, 20300102010405" })
	void theTimestampRuleNamesTheCreationSecondInUtc(String created, String slug) {
		assertThat(Slugs.fromCreation(java.time.OffsetDateTime.parse(created).toInstant())).isEqualTo(slug)
			.matches("[0-9]{14}");
	}

	@Test
	void timestampSlugsAreNeverReservedWords() {
		assertThat(Slugs.isReserved(Slugs.fromCreation(MOMENT))).isFalse();
	}

	@Test
	void timestampCollisionsAreNumberedFromOne() {
		String base = Slugs.fromCreation(MOMENT);
		assertThat(Slugs.unique(base, (slug) -> false, 1)).isEqualTo("20240305070809");
		assertThat(Slugs.unique(base, Set.of(base)::contains, 1)).isEqualTo("20240305070809-1");
		assertThat(Slugs.unique(base, Set.of(base, base + "-1", base + "-2")::contains, 1))
			.isEqualTo("20240305070809-3");
		assertThat(Slugs.unique(base, Set.of(base, base + "-2")::contains, 1)).isEqualTo("20240305070809-1");
	}

	@Test
	void theWordsRuleStillNumbersFromTwo() {
		assertThat(Slugs.unique("hello", Set.of("hello")::contains, 2))
			.isEqualTo(Slugs.unique("hello", Set.of("hello")::contains))
			.isEqualTo("hello-2");
	}

}
