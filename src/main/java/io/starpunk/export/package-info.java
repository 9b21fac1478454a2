/**
 * The owner's export of everything: every note as Markdown with front matter, an mf2
 * h-feed of all of them, and their photos, in one streamed ZIP file.
 */
package io.starpunk.export;
