package io.starpunk.site;

import java.util.List;

import io.starpunk.config.DiscoveryLinks;

/**
 * What the layout around every page needs (public: the search package's templates take it
 * too).
 *
 * @param title the document title
 * @param siteName the site's name
 * @param home the home page's URL
 * @param stylesheet the stylesheet's URL
 * @param links the discovery links
 */
public record Frame(String title, String siteName, String home, String stylesheet, List<DiscoveryLinks.Link> links) {
}
