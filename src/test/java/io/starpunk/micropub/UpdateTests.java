package io.starpunk.micropub;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.starpunk.notes.NoteProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Micropub's update operations on a note's text and properties, without a server.
 */
class UpdateTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final NoteProperties CURRENT = new NoteProperties(
			Map.of("category", List.of("indieweb", "java"), "name", List.of("Old name")), false);

	@Test
	void replaceSetsTheTextAndProperties() {
		Update update = apply("""
				{"replace": {"content": ["hello moon"], "category": ["one"], "syndication": ["https://x.example/1"]}}
				""");
		assertThat(update.text()).isEqualTo("hello moon");
		assertThat(update.html()).isFalse();
		assertThat(update.properties()).containsEntry("category", List.of("one"))
			.containsEntry("syndication", List.of("https://x.example/1"))
			.containsEntry("name", List.of("Old name"));
	}

	@Test
	void replacingContentWithHtmlMakesTheNoteHtml() {
		Update update = apply("{\"replace\": {\"content\": [{\"html\": \"<p>hi</p>\"}]}}");
		assertThat(update.text()).isEqualTo("<p>hi</p>");
		assertThat(update.html()).isTrue();
	}

	@Test
	void addAppendsToAPropertyOrStartsOne() {
		Update update = apply("{\"add\": {\"category\": [\"micropub\"], \"syndication\": [\"https://x.example/2\"]}}");
		assertThat(update.properties().get("category")).containsExactly("indieweb", "java", "micropub");
		assertThat(update.properties().get("syndication")).containsExactly("https://x.example/2");
		assertThat(update.text()).isEqualTo("Text");
	}

	@Test
	void deleteRemovesValuesOrWholeProperties() {
		assertThat(apply("{\"delete\": {\"category\": [\"indieweb\"]}}").properties().get("category"))
			.containsExactly("java");
		assertThat(apply("{\"delete\": {\"category\": [\"indieweb\", \"java\"]}}").properties())
			.doesNotContainKey("category");
		assertThat(apply("{\"delete\": [\"category\"]}").properties()).containsOnlyKeys("name");
		assertThat(apply("{\"delete\": [\"not-there\"]}").properties()).isEqualTo(CURRENT.values());
	}

	@Test
	void numbersAndBooleansAreAddedReplacedAndDeletedAsGiven() {
		Update update = Update.apply(
				json.reader()
					.with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
					.readTree("{\"add\": {\"rating\": [4.5, 5]}, \"replace\": {\"x-open\": [true]}}"),
				"Text", false, CURRENT);
		assertThat(update.properties().get("rating")).containsExactly(new BigDecimal("4.5"), 5);
		assertThat(update.properties().get("x-open")).containsExactly(true);
		Update removed = Update.apply(tree("{\"delete\": {\"rating\": [5]}}"), "Text", false,
				new NoteProperties(update.properties(), false));
		assertThat(removed.properties().get("rating")).containsExactly(new BigDecimal("4.5"));
	}

	@Test
	void postStatusMovesANoteBetweenDraftAndPublished() {
		assertThat(apply("{\"replace\": {\"post-status\": [\"draft\"]}}").draft()).isTrue();
		assertThat(
				Update.apply(tree("{\"replace\": {\"post-status\": [\"published\"]}}"), "Text", true, CURRENT).draft())
			.isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "{}", "{\"replace\": \"x\"}", "{\"replace\": [\"content\"]}",
			"{\"replace\": {\"content\": \"hello moon\"}}", "{\"replace\": {\"content\": []}}",
			"{\"replace\": {\"content\": [5]}}", "{\"replace\": {\"category\": [[\"nested\"]]}}",
			"{\"add\": {\"content\": [\"more\"]}}", "{\"add\": \"category\"}", "{\"add\": {\"category\": \"one\"}}",
			"{\"delete\": \"category\"}", "{\"delete\": [5]}", "{\"delete\": [\"content\"]}",
			"{\"delete\": {\"content\": [\"Text\"]}}", "{\"delete\": {\"category\": \"java\"}}",
			"{\"replace\": {\"published\": [\"2020-01-01T00:00:00Z\"]}}", "{\"replace\": {\"url\": [\"https://x\"]}}",
			"{\"replace\": {\"mp-slug\": [\"other\"]}}", "{\"replace\": {\"post-status\": [\"later\"]}}",
			"{\"replace\": {\"Bad Name\": [\"x\"]}}", "{\"replace\": {\"category\": [null]}}" })
	void anythingElseIsRefusedAndChangesNothing(String body) {
		assertThatExceptionOfType(MicropubException.class).isThrownBy(() -> apply(body))
			.satisfies((ex) -> assertThat(ex.status().value()).isEqualTo(400));
		assertThat(CURRENT.values().get("category")).containsExactly("indieweb", "java");
	}

	@Test
	void aPhotoWithAltTextIsRemovedByItsUrlAlone() {
		NoteProperties photos = new NoteProperties(
				Map.of("photo", List.of(Map.of("value", "https://blog.test/media/a.jpg", "alt", "A"),
						"https://blog.test/media/b.jpg", Map.of("value", "https://blog.test/media/c.jpg", "alt", "C"))),
				false);
		Update update = Update.apply(tree(
				"{\"delete\": {\"photo\": [\"https://blog.test/media/a.jpg\", \"https://blog.test/media/b.jpg\"]}}"),
				"Text", false, photos);
		assertThat(update.properties().get("photo"))
			.containsExactly(Map.of("value", "https://blog.test/media/c.jpg", "alt", "C"));
	}

	private static Update apply(String body) {
		return Update.apply(tree(body), "Text", false, CURRENT);
	}

	private static JsonNode tree(String body) {
		return json.readTree(body);
	}

}
