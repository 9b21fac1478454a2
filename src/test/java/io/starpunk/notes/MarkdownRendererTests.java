package io.starpunk.notes;

import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.web.util.HtmlUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * Markdown and client HTML made safe: what survives the sanitiser, the breaks between
 * blocks, and the cache bounded by bytes.
 */
class MarkdownRendererTests {

	private final MarkdownRenderer renderer = new MarkdownRenderer();

	@Test
	void rendersHeadings() {
		String html = this.renderer.render("# One\n\n## Two\n\n###### Six");
		assertThat(html).contains("<h1>One</h1>", "<h2>Two</h2>", "<h6>Six</h6>");
	}

	@Test
	void rendersEmphasisAndParagraphs() {
		String html = this.renderer.render("Some *soft* and **strong** and `code`.\n\nSecond paragraph.");
		assertThat(html).contains("<p>Some <em>soft</em> and <strong>strong</strong> and <code>code</code>.</p>",
				"<p>Second paragraph.</p>");
	}

	@Test
	void rendersLists() {
		String html = this.renderer.render("- apple\n- pear\n\n3. third\n4. fourth");
		assertThat(html).containsSubsequence("<ul>", "<li>apple</li>", "<li>pear</li>", "</ul>");
		assertThat(html).containsSubsequence("<ol start=\"3\">", "<li>third</li>", "<li>fourth</li>", "</ol>");
	}

	@Test
	void rendersBlockquotesCodeBlocksAndRules() {
		String html = this.renderer.render("> quoted\n\n```\nint x = 1 < 2;\n```\n\n---\n\nline one  \nline two");
		assertThat(html).contains("<blockquote>", "<p>quoted</p>", "<pre><code>int x ", "1 &lt; 2;", "<hr />",
				"line one<br />");
		assertThat(HtmlUtils.htmlUnescape(html)).contains("<pre><code>int x = 1 < 2;\n</code></pre>");
	}

	@Test
	void rendersGfmTablesWithAlignment() {
		String html = this.renderer.render("""
				| Name | Count |
				|:-----|------:|
				| tea  | 2     |
				""");
		assertThat(html).containsSubsequence("<table>", "<thead>", "<tr>", "<th align=\"left\">Name</th>",
				"<th align=\"right\">Count</th>", "</thead>", "<tbody>", "<td align=\"left\">tea</td>",
				"<td align=\"right\">2</td>", "</tbody>", "</table>");
	}

	@Test
	void rendersStrikethrough() {
		assertThat(this.renderer.render("This is ~~wrong~~ right.")).contains("<del>wrong</del>");
	}

	@Test
	void autolinksABareUrl() {
		String html = this.renderer.render("Read https://indieweb.org/note today");
		assertThat(html).contains("<a href=\"https://indieweb.org/note\">https://indieweb.org/note</a>");
	}

	@Test
	void autolinksAnAngleBracketUrl() {
		String html = this.renderer.render("Read <https://indieweb.org/note> today");
		assertThat(html).contains("<a href=\"https://indieweb.org/note\">https://indieweb.org/note</a>");
	}

	@Test
	void keepsLinksAsTheAuthorWroteThem() {
		String html = this.renderer
			.render("[site](https://example.com/a?b=1 \"Title\") and [mail](mailto:me@example.com)");
		assertThat(HtmlUtils.htmlUnescape(html)).contains("href=\"https://example.com/a?b=1\"", "title=\"Title\"",
				">site</a>", "href=\"mailto:me@example.com\"", ">mail</a>");
		assertThat(html).doesNotContain("rel=", "target=");
	}

	@Test
	void keepsImagesWithTheirDescriptions() {
		String html = this.renderer.render("![A cat](https://example.com/cat.jpg \"Tabby\")");
		assertThat(html).contains("<img", "src=\"https://example.com/cat.jpg\"", "alt=\"A cat\"", "title=\"Tabby\"");
	}

	@Test
	void keepsHarmlessRawHtml() {
		String html = this.renderer.render("H<sub>2</sub>O and E=mc<sup>2</sup>, <s>old</s> "
				+ "<img src=\"https://example.com/a.png\" alt=\"a\" width=\"40\" height=\"30\">");
		assertThat(html).contains("H<sub>2</sub>O", "mc<sup>2</sup>", "<s>old</s>", "width=\"40\"", "height=\"30\"");
	}

	@Test
	void dropsScriptsAndTheirContent() {
		String html = this.renderer.render("before\n\n<script>alert(1)</script>\n\nafter");
		assertThat(html).doesNotContainIgnoringCase("<script").doesNotContain("alert(1)");
		assertThat(html).contains("<p>before</p>", "<p>after</p>");
	}

	@Test
	void dropsInlineScripts() {
		String html = this.renderer.render("Hello <script>alert(1)</script> world");
		assertThat(html).doesNotContainIgnoringCase("<script").doesNotContain("alert(1)").contains("Hello", "world");
	}

	@Test
	void dropsEventHandlers() {
		String html = this.renderer.render("Look <img src=x onerror=alert(1)> <b onmouseover=\"alert(2)\">here</b>");
		assertThat(html).doesNotContainIgnoringCase("onerror")
			.doesNotContainIgnoringCase("onmouseover")
			.doesNotContain("alert(")
			.contains("Look", "here");
	}

	@ParameterizedTest
	@ValueSource(strings = { "[click me](javascript:alert(1))", "<a href=\"javascript:alert(1)\">click me</a>",
			"<a href=\"JaVaScRiPt:alert(1)\">click me</a>", "<a href=\" javascript:alert(1)\">click me</a>",
			"<a href=\"jav&#x09;ascript:alert(1)\">click me</a>", "[click me](vbscript:msgbox(1))",
			"<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">click me</a>" })
	void dropsScriptUrlsButKeepsTheText(String markdown) {
		String html = this.renderer.render(markdown);
		assertThat(html).doesNotContainIgnoringCase("javascript:")
			.doesNotContainIgnoringCase("vbscript:")
			.doesNotContainIgnoringCase("data:")
			.doesNotContain("href=")
			.contains("click me");
	}

	@Test
	void dropsDataUrlsFromImages() {
		String html = this.renderer.render(
				"![pixel](data:image/png;base64,iVBORw0KGgo=) and <img src=\"data:image/svg+xml,<svg/onload=alert(1)>\">"
						+ " tail");
		assertThat(html).doesNotContainIgnoringCase("data:")
			.doesNotContain("onload")
			.doesNotContain("iVBOR")
			.contains("tail");
	}

	@Test
	void dropsImagesWithScriptOrMailSources() {
		String html = this.renderer
			.render("<img src=\"javascript:alert(1)\" alt=\"x\"> <img src=\"mailto:a@b.c\"> end");
		assertThat(html).doesNotContainIgnoringCase("javascript:").doesNotContain("mailto:").contains("end");
	}

	@Test
	void dropsFramesAndObjects() {
		String html = this.renderer.render("<iframe src=\"https://evil.example/\"></iframe>\n\n"
				+ "<object data=\"x.swf\"></object><embed src=\"x.swf\">\n\nstill here");
		assertThat(html).doesNotContainIgnoringCase("<iframe")
			.doesNotContainIgnoringCase("<object")
			.doesNotContainIgnoringCase("<embed")
			.doesNotContain("evil.example")
			.contains("still here");
	}

	@Test
	void dropsStyleElementsAndAttributes() {
		String html = this.renderer.render("<style>body { display: none }</style>\n\n"
				+ "<p style=\"position:fixed\">styled</p> <span style=\"color:red\">red</span>");
		assertThat(html).doesNotContainIgnoringCase("<style")
			.doesNotContain("style=")
			.doesNotContain("display: none")
			.doesNotContain("position:fixed")
			.contains("styled", "red");
	}

	@Test
	void dropsFormsAndMetaRefreshes() {
		String html = this.renderer.render("<form action=\"https://evil.example\"><input name=\"p\"></form>\n\n"
				+ "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\">\n\nok");
		assertThat(html).doesNotContainIgnoringCase("<form")
			.doesNotContainIgnoringCase("<input")
			.doesNotContainIgnoringCase("<meta")
			.doesNotContain("evil.example")
			.contains("ok");
	}

	@Test
	void escapesTextThatLooksLikeHtml() {
		String html = this.renderer.render("1 < 2 and `<script>` in code");
		assertThat(html).doesNotContainIgnoringCase("<script").contains("1 &lt; 2", "&lt;script&gt;");
	}

	@Test
	void keepsUnicodeAndEmoji() {
		String html = this.renderer.render("Café naïve — 日本語 🎉👩‍💻");
		assertThat(html).contains("Café naïve", "日本語");
		assertThat(HtmlUtils.htmlUnescape(html)).as("emoji survive, as characters or character references")
			.contains("🎉", "👩\u200D💻");
	}

	@Test
	void listItemsParagraphsAndCellsStayApartInTheText() {
		String html = this.renderer.render("- first item\n- second item\n\nOne paragraph.\n\nAnother paragraph.\n\n"
				+ "| a | b |\n|---|---|\n| c | d |\n\n1. one\n2. two\n\n> quoted\n\n# Heading\nline  \nbroken");
		String text = Jsoup.parse(html).body().wholeText();
		assertThat(text).containsPattern("first item\\s+second item")
			.containsPattern("second item\\s+One paragraph\\.")
			.containsPattern("One paragraph\\.\\s+Another paragraph\\.")
			.containsPattern("a\\s+b\\s+c\\s+d")
			.containsPattern("one\\s+two\\s+quoted\\s+Heading\\s+line\\s+broken");
		assertThat(Jsoup.parse(html).body().text()).contains("first item second item", "one two");
	}

	@Test
	void clientHtmlGetsTheSameBreaks() {
		String html = this.renderer
			.sanitiseHtml("<ul><li>first item</li><li>second item</li></ul><p>one</p><p>two</p><dl><dt>term</dt>"
					+ "<dd>definition</dd></dl><h2>title</h2>rule<hr>after<br>break");
		assertThat(html).contains("<li>first item</li>\n<li>second item</li>\n</ul>\n<p>one</p>\n<p>two</p>\n",
				"<dt>term</dt>\n<dd>definition</dd>\n</dl>\n<h2>title</h2>\nrule<hr />\nafter<br />\nbreak");
		assertThat(Jsoup.parse(html).body().text())
			.isEqualTo("first item second item one two term definition title rule after break");
	}

	@Test
	void noBreakIsAddedWhereThereIsWhitespaceAlready() {
		assertThat(this.renderer.sanitiseHtml("<p>one</p>\n<p>two</p> <p>three</p>"))
			.isEqualTo("<p>one</p>\n<p>two</p> <p>three</p>");
	}

	@Test
	void preformattedTextIsKeptByteForByte() {
		String code = "<pre><code>line one\n\n  <b>not bold</b></code><br><b>bold</b>\n<i>x</i>  end</pre>";
		String html = this.renderer.sanitiseHtml("<p>before</p>" + code + "<p>after</p>");
		assertThat(html).isEqualTo("<p>before</p>\n" + code.replace("<br>", "<br />") + "\n<p>after</p>");
		String fenced = this.renderer.render("```\n<li>a</li>\n\n</p>tail\n```\n");
		assertThat(fenced).isEqualTo("<pre><code>&lt;li&gt;a&lt;/li&gt;\n\n&lt;/p&gt;tail\n</code></pre>\n");
	}

	@Test
	void theSameTextRendersToTheSameHtml() {
		String first = this.renderer.render("# Cached\n\nonce");
		String second = this.renderer.render("# Cached\n\nonce");
		assertThat(second).isEqualTo(first).isEqualTo("<h1>Cached</h1>\n<p>once</p>\n");
		assertThat(second).as("remembered, not rendered again").isSameAs(first);
		assertThat(this.renderer.render("version two")).isEqualTo("<p>version two</p>\n");
		assertThat(this.renderer.sanitiseHtml("# Cached\n\nonce")).as("HTML is not taken for Markdown")
			.isEqualTo("# Cached\n\nonce");
	}

	@Test
	void theCacheIsBoundedByTheBytesATextAndItsHtmlTake() {
		MarkdownRenderer small = new MarkdownRenderer(4_000);
		String fits = "a".repeat(500);
		assertThat(small.render(fits)).as("about 2 KB with its HTML: kept").isSameAs(small.render(fits));
		String tooLarge = "b".repeat(1_000);
		String once = small.render(tooLarge);
		assertThat(small.render(tooLarge)).as("about 4 KB with its HTML: not kept").isEqualTo(once).isNotSameAs(once);
		String longComment = "x <!--" + "c".repeat(2_000) + "-->";
		String short1 = small.render(longComment);
		assertThat(short1).isEqualTo("<p>x </p>\n");
		assertThat(small.render(longComment)).as("short HTML, but the text counts too: not kept")
			.isEqualTo(short1)
			.isNotSameAs(short1);
		String shortComment = "x <!--" + "c".repeat(100) + "-->";
		assertThat(small.render(shortComment)).isSameAs(small.render(shortComment));
	}

	@Test
	void aFullCacheKeepsRenderingCorrectly() {
		MarkdownRenderer small = new MarkdownRenderer(10_000);
		for (int i = 0; i < 500; i++) {
			assertThat(small.render("note " + i)).isEqualTo("<p>note " + i + "</p>\n");
		}
		assertThat(small.render("note 0")).isEqualTo("<p>note 0</p>\n");
	}

	@Test
	void rejectsNull() {
		assertThatNullPointerException().isThrownBy(() -> this.renderer.render((String) null));
	}

}
