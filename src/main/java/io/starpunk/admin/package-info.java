/**
 * The owner's pages: the dashboard of notes, the note editor, deleting and restoring.
 */
package io.starpunk.admin;
