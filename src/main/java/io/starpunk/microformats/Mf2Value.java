package io.starpunk.microformats;

/**
 * One value of a property: plain text (a {@code p-}, {@code u-} or {@code dt-} value), an
 * image with its alternative text, embedded HTML (an {@code e-} value), or a nested item.
 */
public sealed interface Mf2Value permits Mf2Value.Text, Mf2Value.Image, Mf2Value.Html, Mf2Item {

	/**
	 * The value as text: the text, the image's URL, the HTML's text, the nested item's
	 * {@code value}.
	 * @return the text, never {@code null}
	 */
	String text();

	/**
	 * A plain value.
	 *
	 * @param value the text (for {@code u-} properties, an absolute URL)
	 */
	record Text(String value) implements Mf2Value {

		@Override
		public String text() {
			return this.value;
		}

	}

	/**
	 * An image URL with the {@code alt} its element gave.
	 *
	 * @param value the absolute URL
	 * @param alt the alternative text
	 */
	record Image(String value, String alt) implements Mf2Value {

		@Override
		public String text() {
			return this.value;
		}

	}

	/**
	 * An {@code e-} property: the element's inner HTML, unsanitised, and its text.
	 *
	 * @param html the HTML as the page has it
	 * @param value its text
	 */
	record Html(String html, String value) implements Mf2Value {

		@Override
		public String text() {
			return this.value;
		}

	}

}
