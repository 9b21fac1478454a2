package io.starpunk.notes;

/**
 * How many notes there are of each kind.
 *
 * @param published public notes (published and not deleted)
 * @param drafts unpublished notes that are not deleted
 * @param deleted soft-deleted notes, published or not
 */
public record NoteCounts(int published, int drafts, int deleted) {
}
