package io.starpunk.site;

/**
 * A note's permalink page.
 *
 * @param entry the note
 * @param author its author's h-card
 * @param mentions its approved webmentions
 */
record NoteView(EntryView entry, OwnerCard author, MentionView mentions) {
}
