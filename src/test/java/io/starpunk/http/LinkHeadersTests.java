package io.starpunk.http;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reading {@code Link} headers: several links in one header and several headers, rel
 * quoted or not, in any case, among other relations, and commas and semicolons inside
 * quotes or inside the URI taken as text.
 */
class LinkHeadersTests {

	@Test
	void findsTheLinksWithARelationInTheOrderGiven() {
		List<String> headers = List.of("<https://a.example/other>; rel=\"other\", </relative>; rel=webmention",
				"<https://b.example/wm?x=1>; rel=\"WebMention somethingelse\"");
		assertThat(LinkHeaders.withRel(headers, "webmention")).containsExactly("/relative", "https://b.example/wm?x=1");
		assertThat(LinkHeaders.withRel(headers, "other")).containsExactly("https://a.example/other");
		assertThat(LinkHeaders.withRel(headers, "somethingelse")).containsExactly("https://b.example/wm?x=1");
	}

	@Test
	void takesCommasAndSemicolonsInsideQuotesAndTheUriAsText() {
		List<LinkHeaders.Link> links = LinkHeaders
			.parse("<https://a.example/x;y,z>; title=\"a, b; c\"; rel=\"next\", <https://b.example/>; rel=prev");
		assertThat(links).containsExactly(new LinkHeaders.Link("https://a.example/x;y,z", Set.of("next")),
				new LinkHeaders.Link("https://b.example/", Set.of("prev")));
	}

	@Test
	void aRelThatOnlyContainsTheWordDoesNotMatch() {
		assertThat(LinkHeaders.withRel(List.of("</a>; rel=\"not-webmention\"", "</b>; rel=webmentions"), "webmention"))
			.isEmpty();
	}

	@Test
	void aLinkWithoutRelOrAHeaderWithoutLinksIsSkipped() {
		assertThat(LinkHeaders.parse("<https://a.example/>; type=\"text/html\""))
			.containsExactly(new LinkHeaders.Link("https://a.example/", Set.of()));
		assertThat(LinkHeaders.parse("garbage; rel=webmention")).isEmpty();
		assertThat(LinkHeaders.withRel(List.of("<https://a.example/"), "webmention")).isEmpty();
	}

}
