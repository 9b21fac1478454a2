package io.starpunk.site;

import java.util.List;

import io.starpunk.http.DiscoveryLinks;

/**
 * What the layout around every page needs (public: the search package's templates take it
 * too).
 *
 * @param title the document title
 * @param siteName the site's name
 * @param home the home page's URL
 * @param stylesheet the stylesheet's URL
 * @param links the discovery links
 * @param feeds the page's own feeds, besides the site's (a tag's), as
 * {@code rel="alternate"} links
 */
public record Frame(String title, String siteName, String home, String stylesheet, List<DiscoveryLinks.Link> links,
		List<FeedLink> feeds) {

	/**
	 * A feed of the page.
	 *
	 * @param href its absolute URL
	 * @param type its media type
	 * @param title its name
	 * @param format the name of its format, for a link in the page
	 */
	public record FeedLink(String href, String type, String title, String format) {
	}

}
