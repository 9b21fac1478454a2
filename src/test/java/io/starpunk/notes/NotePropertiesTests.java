package io.starpunk.notes;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the pages read from a note's properties, whatever JSON values a client sent.
 */
class NotePropertiesTests {

	@Test
	void newPhotosReplaceTheShownOnesInOrderAndKeepEverythingElse() {
		Map<String, List<Object>> values = new LinkedHashMap<>();
		values.put("photo", List.of("https://a.example/1.jpg", Map.of("value", "ftp://b.example/2.jpg"),
				Map.of("value", "https://c.example/3.jpg", "alt", "Three")));
		values.put("syndication", List.of("https://social.example/1"));
		NoteProperties properties = new NoteProperties(values, true);

		NoteProperties changed = properties.withPhotos(List.of(new NoteProperties.Photo("https://c.example/3.jpg", " "),
				new NoteProperties.Photo("https://d.example/4.png", " Four ")));

		assertThat(changed.values().get("photo")).containsExactly("https://c.example/3.jpg",
				Map.of("value", "https://d.example/4.png", "alt", "Four"), Map.of("value", "ftp://b.example/2.jpg"));
		assertThat(changed.photos()).containsExactly(new NoteProperties.Photo("https://c.example/3.jpg", null),
				new NoteProperties.Photo("https://d.example/4.png", "Four"));
		assertThat(changed.values().get("syndication")).containsExactly("https://social.example/1");
		assertThat(changed.html()).isTrue();
		assertThat(NoteProperties.NONE.withPhotos(List.of()).values()).isEmpty();
		assertThat(new NoteProperties(Map.of("photo", List.of("https://a.example/1.jpg")), false).withPhotos(List.of())
			.values()).doesNotContainKey("photo");
	}

	@Test
	void aCheckinHasTheCoordinatesOfItsCardWhenBothAreOnTheGlobe() {
		assertThat(checkin(new BigDecimal("45.5228"), new BigDecimal("-122.6573")))
			.isEqualTo(new NoteProperties.Place("Cafe", null, "45.5228", "-122.6573"));
		assertThat(checkin(45, BigInteger.valueOf(-122)))
			.isEqualTo(new NoteProperties.Place("Cafe", null, "45", "-122"));
		assertThat(checkin(" 45.5 ", "-0.000123"))
			.isEqualTo(new NoteProperties.Place("Cafe", null, "45.5", "-0.000123"));
		assertThat(checkin(new BigDecimal("1E+1"), 0L)).isEqualTo(new NoteProperties.Place("Cafe", null, "10", "0"));
	}

	@Test
	void aCheckinWithoutUsableCoordinatesHasNone() {
		NoteProperties.Place without = new NoteProperties.Place("Cafe", null);
		assertThat(checkin(new BigDecimal("90.1"), 0)).isEqualTo(without);
		assertThat(checkin(0, new BigDecimal("-180.5"))).isEqualTo(without);
		assertThat(checkin(new BigDecimal("1E+400"), 0)).isEqualTo(without);
		assertThat(checkin(true, 0)).isEqualTo(without);
		assertThat(checkin("north", 0)).isEqualTo(without);
		assertThat(checkin(Map.of("value", 1), 0)).isEqualTo(without);
		assertThat(checkin(45, null)).isEqualTo(without);
	}

	@Test
	void numbersAndBooleansAreNeitherCategoriesNorNames() {
		NoteProperties properties = new NoteProperties(
				Map.of("category", List.of(1, true, new BigDecimal("2.5"), "tag"), "name", List.of(7, "Title")), false);
		assertThat(properties.categories()).containsExactly("tag");
		assertThat(properties.name()).contains("Title");
	}

	private static NoteProperties.Place checkin(Object latitude, Object longitude) {
		Map<String, Object> card = new LinkedHashMap<>();
		card.put("name", List.of("Cafe"));
		card.put("latitude", List.of(latitude));
		if (longitude != null) {
			card.put("longitude", List.of(longitude));
		}
		NoteProperties properties = new NoteProperties(
				Map.of("checkin", List.of(Map.of("type", List.of("h-card"), "properties", card))), false);
		return properties.checkin().orElseThrow();
	}

}
