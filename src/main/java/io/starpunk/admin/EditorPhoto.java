package io.starpunk.admin;

/**
 * A photo in the editor's form: kept (on the note already, or uploaded with an earlier
 * Preview or refused Save), so that it is never uploaded twice.
 *
 * @param url its address, this site's media or a photo the note already had
 * @param alt its alt text as typed, never {@code null}
 */
record EditorPhoto(String url, String alt) {

	/** The value of its {@code photo-key} field. */
	String key() {
		return EditorPhotos.KEPT + this.url;
	}

}
