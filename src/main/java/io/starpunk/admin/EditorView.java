package io.starpunk.admin;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The note editor ({@code admin/editor.jte}), for a new note or an existing one.
 *
 * @param heading the page's heading
 * @param action where the form goes
 * @param content the text as typed
 * @param tags the tags as typed, comma-separated
 * @param slug the custom slug as typed, or {@code null} for an existing note, whose slug
 * never changes
 * @param permalink an existing note's address, or {@code null} for a new note
 * @param published whether the note is to be public
 * @param errors a reason for each field that cannot be saved as it is
 * @param preview the rendered text, or {@code null}
 * @param notice a warning about the note's file, or {@code null}
 * @param photos the photos kept so far, in order
 * @param photoHint what the file picker takes, as people read it
 * @param maxPhotoBytes the largest photo the site takes, for the editor's script
 * @param response what the note responds to (its kind, the page, an RSVP's answer)
 * @param publishedAt a new note's "Publish at" as typed (empty for now), or {@code null}
 * for an existing note, whose date does not change
 * @param syndication the syndication targets ({@code SYNDICATE_TO}), each a checkbox
 */
record EditorView(String heading, String action, String content, String tags, String slug, String permalink,
		boolean published, Map<String, String> errors, PreviewHtml preview, String notice, List<EditorPhoto> photos,
		String photoHint, long maxPhotoBytes, ResponseFields response, String publishedAt,
		List<SyndicationChoice> syndication) {

	/** Fields of the form that show their own error. */
	private static final Set<String> FIELDS = Set.of("content", "tags", "slug", "photos", "response-url", "rsvp",
			PublishAt.FIELD, "syndicate-to");

	/** The same form with a warning about the note's file. */
	EditorView withNotice(String notice) {
		return new EditorView(this.heading, this.action, this.content, this.tags, this.slug, this.permalink,
				this.published, this.errors, this.preview, notice, this.photos, this.photoHint, this.maxPhotoBytes,
				this.response, this.publishedAt, this.syndication);
	}

	/**
	 * One syndication target in the form.
	 *
	 * @param uid its uid, the checkbox's value
	 * @param name its name, the checkbox's label
	 * @param checked whether it is chosen
	 */
	record SyndicationChoice(String uid, String name, boolean checked) {
	}

	/** The most photos the form takes. */
	int maxPhotos() {
		return EditorPhotos.MAX;
	}

	/** The number of a photo's position, counted from 1. */
	static int position(int index) {
		return index + 1;
	}

	boolean hasSlug() {
		return this.slug != null;
	}

	String error(String field) {
		return this.errors.get(field);
	}

	/** The {@code aria-invalid} value of a field: {@code true}, or none. */
	String invalid(String field) {
		return this.errors.containsKey(field) ? "true" : null;
	}

	/** The {@code aria-describedby} value of a field: its error, or none. */
	String describedBy(String field) {
		return this.errors.containsKey(field) ? field + "-error" : null;
	}

	/** An error that belongs to no field shown in this form, or {@code null}. */
	String formError() {
		return this.errors.entrySet()
			.stream()
			.filter((error) -> !FIELDS.contains(error.getKey())
					|| ((error.getKey().equals("slug") || error.getKey().equals(PublishAt.FIELD)) && !hasSlug()))
			.map(Map.Entry::getValue)
			.findFirst()
			.orElse(null);
	}

}
