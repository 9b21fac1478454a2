/**
 * RSS, Atom and JSON Feed of the public notes: rendered once per change, served from
 * memory with an ETag.
 */
package io.starpunk.feed;
