/**
 * Syndication (POSSE): a copy of a note posted to the {@code SYNDICATE_TO} targets the
 * author chose (another Micropub endpoint, Mastodon, Bluesky), one job per target, and
 * the copy's URL kept as the note's {@code syndication}.
 */
package io.starpunk.syndication;
