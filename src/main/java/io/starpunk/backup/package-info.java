/**
 * Backups that restore: {@code --backup} writes the database, the notes and the media to
 * one archive with a checksum manifest, the server takes them on a schedule, and
 * {@code --restore} checks an archive before it writes a restored data directory.
 */
package io.starpunk.backup;
