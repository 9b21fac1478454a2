package io.starpunk.site;

import java.util.List;

import io.starpunk.config.DiscoveryLinks;

/**
 * What the layout around every page needs.
 *
 * @param title the document title
 * @param siteName the site's name
 * @param home the home page's URL
 * @param stylesheet the stylesheet's URL
 * @param links the discovery links
 */
record Frame(String title, String siteName, String home, String stylesheet, List<DiscoveryLinks.Link> links) {
}
