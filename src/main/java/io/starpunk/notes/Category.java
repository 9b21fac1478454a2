package io.starpunk.notes;

/**
 * One category of a note as pages and feeds show it: a tag, or a category that is not one
 * (a URL naming a person, a word longer than a tag may be).
 *
 * @param text the tag's display spelling, or the category as given
 * @param tag the tag, or {@code null} when the category is not a tag
 */
public record Category(String text, Tag tag) {

	/** Whether this category is a tag, with a page of its own. */
	public boolean isTag() {
		return this.tag != null;
	}

}
