package io.starpunk.microformats;

import java.net.URI;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a source page says about a target: the kind from the property that links to it,
 * the author from the entry's h-card, a URL completed from the page's h-card, or the
 * page's representative h-card, and the entry's URL, content and date.
 */
class CitationTests {

	private static final URI SOURCE = URI.create("https://them.example/posts/1");

	private static final URI TARGET = URI.create("https://me.example/notes/hello");

	@Test
	void aReplyWithAnAuthorCard() {
		Citation citation = cite(
				"""
						<article class="h-entry">
						  <a class="u-in-reply-to" href="https://me.example/notes/hello">re</a>
						  <span class="p-author h-card"><a class="u-url p-name" href="/">Ada Lovelace</a>
						    <img class="u-photo" src="/me.jpg" alt=""></span>
						  <div class="e-content"><p>Lovely <b>note</b>.</p></div>
						  <a class="u-url" href="/posts/1#reply"><time class="dt-published" datetime="2026-12-01T10:00:00Z">then</time></a>
						</article>""");
		assertThat(citation.kind()).isEqualTo(Citation.Kind.REPLY);
		assertThat(citation.author())
			.isEqualTo(new Citation.Author("Ada Lovelace", "https://them.example/", "https://them.example/me.jpg"));
		assertThat(citation.contentHtml()).isEqualTo("<p>Lovely <b>note</b>.</p>");
		assertThat(citation.contentText()).isEqualTo("Lovely note.");
		assertThat(citation.url()).isEqualTo("https://them.example/posts/1#reply");
		assertThat(citation.published()).isEqualTo("2026-12-01T10:00:00Z");
		assertThat(citation.name()).as("the implied name is only the text").isNull();
	}

	@Test
	void theKindComesFromThePropertyThatLinksToTheTarget() {
		assertThat(kindOf("<a class=\"u-like-of\" href=\"https://me.example/notes/hello\">l</a>"))
			.isEqualTo(Citation.Kind.LIKE);
		assertThat(kindOf("<a class=\"u-repost-of\" href=\"https://me.example/notes/hello\">r</a>"))
			.isEqualTo(Citation.Kind.REPOST);
		assertThat(kindOf("<a class=\"u-bookmark-of\" href=\"https://me.example/notes/hello\">b</a>"))
			.isEqualTo(Citation.Kind.BOOKMARK);
		assertThat(kindOf("<a class=\"u-in-reply-to\" href=\"https://me.example/notes/hello\">b</a>"
				+ "<data class=\"p-rsvp\" value=\"yes\">going</data>"))
			.isEqualTo(Citation.Kind.RSVP);
		assertThat(kindOf("<a class=\"u-like-of\" href=\"https://other.example/\">l</a>"
				+ "<a href=\"https://me.example/notes/hello\">l</a>"))
			.as("a like of something else that links to the target")
			.isEqualTo(Citation.Kind.MENTION);
		assertThat(kindOf("<div class=\"u-in-reply-to h-cite\"><a class=\"u-url p-name\" "
				+ "href=\"https://ME.example:443/notes/hello#c\">the note</a></div>"))
			.as("a nested h-cite's url, compared without fragment, default port or host case")
			.isEqualTo(Citation.Kind.REPLY);
	}

	@Test
	void anAuthorUrlIsCompletedFromThePagesCard() {
		Citation citation = cite("""
				<div class="h-card"><a class="u-url p-name" href="https://them.example/">Grace</a>
				<img class="u-photo" src="https://them.example/g.png" alt="Grace"></div>
				<div class="h-entry"><a class="u-author" href="https://them.example/"></a>
				<a class="u-like-of" href="https://me.example/notes/hello">liked</a></div>""");
		assertThat(citation.kind()).isEqualTo(Citation.Kind.LIKE);
		assertThat(citation.author().name()).isEqualTo("Grace");
		assertThat(citation.author().photo()).isEqualTo("https://them.example/g.png");
	}

	@Test
	void aPageWithoutAnEntryIsAMentionByItsRepresentativeCard() {
		Citation citation = cite("""
				<p>See <a href="https://me.example/notes/hello">this</a>.</p>
				<a class="h-card" href="https://them.example/posts/1">Linus</a>""");
		assertThat(citation.kind()).isEqualTo(Citation.Kind.MENTION);
		assertThat(citation.url()).isEqualTo(SOURCE.toString());
		assertThat(citation.author().name()).isEqualTo("Linus");
		assertThat(citation.contentHtml()).isNull();
	}

	@Test
	void aPageOfAHundredThousandNestedElementsIsReadWithoutExhaustingTheStack() {
		String html = "<div class=\"h-entry\"><a class=\"u-like-of\" href=\"https://me.example/notes/hello\">l</a>"
				+ "<div>".repeat(100_000) + "deep" + "</div>".repeat(100_000) + "</div>";
		assertThat(cite(html).kind()).isEqualTo(Citation.Kind.LIKE);
	}

	private static Citation.Kind kindOf(String properties) {
		return cite("<div class=\"h-entry\">" + properties + "</div>").kind();
	}

	private static Citation cite(String html) {
		return Citation.of(Microformats.parse(html, SOURCE), SOURCE, TARGET);
	}

}
