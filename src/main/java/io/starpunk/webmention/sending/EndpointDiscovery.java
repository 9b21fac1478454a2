package io.starpunk.webmention.sending;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import org.springframework.stereotype.Component;

import io.starpunk.http.ConversationFetch;
import io.starpunk.http.FetchFailed;
import io.starpunk.http.LinkHeaders;
import io.starpunk.http.OutboundRequest;
import io.starpunk.http.OutboundResponse;

/**
 * Finds a target's webmention endpoint as the Webmention spec (3.1.2) says and
 * webmention.rocks tests it: the target is fetched, redirects followed, and the final URL
 * is the base of relative URLs; the first {@code Link} header link with the relation
 * {@code webmention} wins (any header, any position in it, quoted or not, among other
 * relations, in any case), else, for an HTML page, the first {@code <link>} or
 * {@code <a>} with that relation and an {@code href} in document order (an empty one is
 * the page itself; comments and escaped markup are not elements). The endpoint keeps its
 * query.
 */
@Component
class EndpointDiscovery {

	/** How much of a target page is read: endpoints are near the top. */
	static final int MAX_BYTES = 512 * 1024;

	private final ConversationFetch fetch;

	EndpointDiscovery(ConversationFetch fetch) {
		this.fetch = fetch;
	}

	/**
	 * The webmention endpoint of a target.
	 * @param target the target
	 * @return the endpoint, absolute, or empty when the target names none
	 * @throws FetchFailed when the target could not be fetched
	 * @throws TryLater when it answered 5xx or 429
	 */
	Optional<URI> discover(URI target) throws FetchFailed, TryLater {
		OutboundResponse page = this.fetch.fetch()
			.send(OutboundRequest.get(target).header("Accept", "text/html, */*;q=0.5").truncatedAt(MAX_BYTES));
		if (page.status() >= 500 || page.status() == 429) {
			throw new TryLater(page.status() + " from " + page.url() + " while looking for its endpoint");
		}
		return endpoint(page);
	}

	/** The endpoint a fetched page names, if any. */
	static Optional<URI> endpoint(OutboundResponse page) {
		for (String href : LinkHeaders.withRel(page.headers().allValues("Link"), "webmention")) {
			Optional<URI> endpoint = resolve(page.url(), href);
			if (endpoint.isPresent()) {
				return endpoint;
			}
		}
		String type = page.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
		if (!type.isEmpty() && !type.contains("html")) {
			return Optional.empty();
		}
		Document document = Jsoup.parse(page.text(), page.url().toString());
		for (Element link : document.select("link[rel][href], a[rel][href]")) {
			if (List.of(link.attr("rel").toLowerCase(Locale.ROOT).strip().split("\\s+")).contains("webmention")) {
				Optional<URI> endpoint = resolve(page.url(), link.attr("href"));
				if (endpoint.isPresent()) {
					return endpoint;
				}
			}
		}
		return Optional.empty();
	}

	/**
	 * A reference resolved as RFC 3986 says, where {@link URI#resolve} (RFC 2396)
	 * differs: an empty one is the page itself, a query alone replaces the page's query.
	 */
	private static Optional<URI> resolve(URI base, String href) {
		String reference = href.strip();
		try {
			String page = base.toString();
			int cut = page.indexOf('#');
			page = (cut >= 0) ? page.substring(0, cut) : page;
			URI endpoint;
			if (reference.isEmpty()) {
				endpoint = URI.create(page);
			}
			else if (reference.startsWith("?")) {
				int query = page.indexOf('?');
				endpoint = URI.create(((query >= 0) ? page.substring(0, query) : page) + reference);
			}
			else {
				endpoint = base.resolve(reference);
			}
			String scheme = (endpoint.getScheme() != null) ? endpoint.getScheme().toLowerCase(Locale.ROOT) : "";
			if (!(scheme.equals("http") || scheme.equals("https")) || endpoint.getHost() == null) {
				return Optional.empty();
			}
			return Optional.of(endpoint);
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

}
