package io.starpunk.site;

/**
 * HTML that came out of the notes package's sanitising renderer, the only HTML a template
 * writes unescaped ({@code site/content.jte}). Made only by {@link Entries}.
 *
 * @param value the sanitised HTML
 */
record RenderedHtml(String value) {
}
