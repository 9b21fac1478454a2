package io.starpunk.notes;

/**
 * How many notes there are of each kind.
 *
 * @param published published notes that are not deleted, scheduled ones included
 * @param drafts unpublished notes that are not deleted
 * @param deleted soft-deleted notes, published or not
 * @param scheduled those of the published notes dated in the future, not public yet
 */
public record NoteCounts(int published, int drafts, int deleted, int scheduled) {

	/** Counts with no scheduled note. */
	public NoteCounts(int published, int drafts, int deleted) {
		this(published, drafts, deleted, 0);
	}

}
