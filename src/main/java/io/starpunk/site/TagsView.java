package io.starpunk.site;

import java.util.List;

/**
 * The list of tags.
 *
 * @param tags every tag of a public note, by display spelling
 */
record TagsView(List<TagLink> tags) {

	/**
	 * One tag.
	 *
	 * @param name its display spelling
	 * @param href its page
	 * @param notes how many public notes carry it
	 */
	record TagLink(String name, String href, int notes) {
	}

}
