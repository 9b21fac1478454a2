package io.starpunk.notes;

import java.util.List;

/**
 * One page of what a search found, best match first.
 *
 * @param query the query
 * @param newestFirst whether the matches are listed most recently written first rather
 * than by relevance, there being more than {@link NoteSearch} ranks
 * @param hits the notes on this page
 * @param total how many notes matched in all
 * @param offset how many matches came before this page
 * @param limit the most this page could hold
 */
public record SearchResults(SearchQuery query, boolean newestFirst, List<SearchHit> hits, int total, int offset,
		int limit) {

	/** Whether more matches follow this page. */
	public boolean more() {
		return this.offset + this.hits.size() < this.total;
	}

}
