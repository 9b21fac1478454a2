/**
 * The one owner of notes: their files and metadata, slugs, and Markdown rendering.
 */
package io.starpunk.notes;
