/**
 * The public HTML pages: the home page's h-feed, note permalinks, discovery links and the
 * error pages, all drawn from one layout.
 */
package io.starpunk.site;
