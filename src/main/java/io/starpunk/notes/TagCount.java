package io.starpunk.notes;

/**
 * A tag and how many public notes carry it.
 *
 * @param tag the tag
 * @param notes how many published, undeleted notes carry it
 */
public record TagCount(Tag tag, int notes) {
}
