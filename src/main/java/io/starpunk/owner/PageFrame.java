package io.starpunk.owner;

import java.util.List;

import io.starpunk.http.DiscoveryLinks;

/**
 * What the layout of the owner's pages ({@code owner/layout.jte}) needs.
 *
 * @param title the document title
 * @param siteName the site's name
 * @param home the public home page
 * @param stylesheets the stylesheets, in order
 * @param signedIn whether the owner is signed in (shows the navigation and sign-out)
 * @param csrf the sign-out form's CSRF field
 * @param links the discovery links every page carries
 */
public record PageFrame(String title, String siteName, String home, List<String> stylesheets, boolean signedIn,
		Csrf csrf, List<DiscoveryLinks.Link> links) {
}
