/**
 * The public pages and feeds as bytes: each rendered once per change to the notes, kept
 * with its gzip form, a strong ETag and Last-Modified, and answered from memory before
 * any other filter runs (no session, no parameters, no database).
 */
package io.starpunk.rendered;
