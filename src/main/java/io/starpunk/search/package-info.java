/**
 * The public face of full-text search: the results page in the site's layout and the JSON
 * search API, over the notes package's index.
 */
package io.starpunk.search;
