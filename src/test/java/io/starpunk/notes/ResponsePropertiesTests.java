package io.starpunk.notes;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a note responds to, read from its properties: URLs or h-cites, web pages only, and
 * its post type as Post Type Discovery finds it.
 */
class ResponsePropertiesTests {

	@Test
	void urlsAndCitationsAreRead() {
		Map<String, Object> cite = Map.of("type", List.of("h-cite"), "properties",
				Map.of("url", List.of("https://example.org/essay")));
		NoteProperties properties = new NoteProperties(
				Map.of("repost-of", List.<Object>of(cite), "like-of",
						List.<Object>of("https://example.org/a", "javascript:alert(1)", "https://example.org/a")),
				false);
		assertThat(properties.responses()).containsExactly(new Response("like-of", "https://example.org/a"),
				new Response("repost-of", "https://example.org/essay"));
		assertThat(properties.postType()).isEqualTo("repost");
		assertThat(properties.speaksWithoutText()).isTrue();
		assertThat(properties.responseSummary()).isEqualTo("Liked example.org");
	}

	@Test
	void postTypesFollowDiscoveryOrder() {
		assertThat(type(Map.<String, List<Object>>of("in-reply-to", List.<Object>of("https://e.example/x"), "rsvp",
				List.<Object>of("Yes"))))
			.isEqualTo("rsvp");
		assertThat(type(Map.<String, List<Object>>of("in-reply-to", List.<Object>of("https://e.example/x"))))
			.isEqualTo("reply");
		assertThat(type(Map.<String, List<Object>>of("bookmark-of", List.<Object>of("https://e.example/x"))))
			.isEqualTo("bookmark");
		assertThat(type(Map.<String, List<Object>>of("name", List.<Object>of("Title")))).isEqualTo("note");
		assertThat(
				new NoteProperties(Map.<String, List<Object>>of("in-reply-to", List.<Object>of("https://e.example/x")),
						false)
					.speaksWithoutText())
			.as("a reply needs text")
			.isFalse();
		assertThat(new NoteProperties(Map.<String, List<Object>>of("rsvp", List.<Object>of("perhaps")), false).rsvp())
			.isEmpty();
	}

	private static String type(Map<String, List<Object>> values) {
		return new NoteProperties(values, false).postType();
	}

}
