package io.starpunk.admin;

/**
 * A preview of a note: HTML that came out of the notes package's sanitising renderer, the
 * only HTML an admin template writes unescaped ({@code admin/preview.jte}). Made only by
 * {@link NoteEditorController}.
 *
 * @param value the sanitised HTML
 */
record PreviewHtml(String value) {
}
