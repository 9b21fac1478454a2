package io.starpunk.notes;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.web.util.HtmlUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

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
	void rendersTheSameTextOnlyOnce() {
		String first = this.renderer.render("# Cached\n\nonce");
		assertThat(this.renderer.renderings()).isEqualTo(1);
		String second = this.renderer.render("# Cached\n\nonce");
		assertThat(second).isEqualTo(first);
		assertThat(this.renderer.renderings()).isEqualTo(1);
	}

	@Test
	void rendersChangedTextAgain() {
		String first = this.renderer.render("version one");
		String second = this.renderer.render("version two");
		assertThat(this.renderer.renderings()).isEqualTo(2);
		assertThat(first).contains("version one");
		assertThat(second).contains("version two");
		this.renderer.render("version one");
		assertThat(this.renderer.renderings()).isEqualTo(2);
	}

	@Test
	void forgetsTheLeastRecentlyUsedTextBeyondTheCacheSize() {
		this.renderer.render("note 0");
		for (int i = 1; i <= MarkdownRenderer.CACHE_SIZE; i++) {
			this.renderer.render("note " + i);
		}
		long rendered = this.renderer.renderings();
		assertThat(rendered).isEqualTo(MarkdownRenderer.CACHE_SIZE + 1);
		this.renderer.render("note " + MarkdownRenderer.CACHE_SIZE);
		assertThat(this.renderer.renderings()).as("a recent text is still cached").isEqualTo(rendered);
		this.renderer.render("note 0");
		assertThat(this.renderer.renderings()).as("the oldest text was evicted").isEqualTo(rendered + 1);
	}

	@Test
	void rejectsNull() {
		assertThatNullPointerException().isThrownBy(() -> this.renderer.render((String) null));
	}

}
