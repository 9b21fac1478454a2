package io.starpunk.owner;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

import io.starpunk.http.FetchFailed;
import io.starpunk.http.OutboundFetch;
import io.starpunk.http.OutboundRequest;
import io.starpunk.http.OutboundResponse;

/**
 * Finds the owner's IndieAuth server from their identity URL, as the IndieAuth spec says:
 * {@code indieauth-metadata} first, then the older {@code authorization_endpoint}, each
 * from the HTTP {@code Link} header before the HTML {@code <link rel>}. Fetched by the
 * one {@link OutboundFetch}: public addresses only, its time caps and redirect limit.
 */
@Component
class IndieAuthDiscovery {

	static final int MAX_BYTES = 512 * 1024;

	private static final Pattern LINK = Pattern.compile("<([^>]*)>\\s*((?:;\\s*[^;,]*)*)");

	private static final Pattern REL = Pattern.compile("rel\\s*=\\s*(?:\"([^\"]*)\"|([^\\s;,]+))");

	private final OutboundFetch fetch;

	private final JsonMapper json;

	IndieAuthDiscovery(OutboundFetch fetch, JsonMapper json) {
		this.json = json;
		this.fetch = fetch;
	}

	/**
	 * The owner's IndieAuth server.
	 * @param me the identity URL
	 * @return its endpoints
	 * @throws DiscoveryFailed when none can be found
	 */
	Server discover(URI me) {
		Fetched page = fetch(me, "text/html");
		Optional<URI> metadata = fromHeader(page, "indieauth-metadata").or(() -> fromHtml(page, "indieauth-metadata"));
		if (metadata.isPresent()) {
			Fetched document = fetch(metadata.get(), "application/json");
			JsonNode node;
			try {
				node = this.json.readTree(document.body());
			}
			catch (RuntimeException ex) {
				throw new DiscoveryFailed("its IndieAuth metadata is not JSON");
			}
			String issuer = node.path("issuer").asString("");
			String endpoint = node.path("authorization_endpoint").asString("");
			if (issuer.isEmpty() || endpoint.isEmpty()) {
				throw new DiscoveryFailed("its IndieAuth metadata has no issuer or authorization_endpoint");
			}
			return new Server(httpUrl(metadata.get().resolve(endpoint)), issuer);
		}
		URI endpoint = fromHeader(page, "authorization_endpoint").or(() -> fromHtml(page, "authorization_endpoint"))
			.orElseThrow(() -> new DiscoveryFailed("it links to no IndieAuth server"));
		return new Server(httpUrl(endpoint), null);
	}

	private Fetched fetch(URI url, String accept) {
		try {
			OutboundResponse response = this.fetch
				.send(OutboundRequest.get(url).header("Accept", accept).truncatedAt(MAX_BYTES));
			if (response.status() != 200) {
				throw new DiscoveryFailed(url + " answered " + response.status());
			}
			return new Fetched(response.url(), response.headers(), response.text());
		}
		catch (FetchFailed ex) {
			throw new DiscoveryFailed(url + " could not be fetched (" + ex.getMessage() + ")");
		}
	}

	private static Optional<URI> fromHeader(Fetched page, String rel) {
		for (String header : page.headers().allValues("Link")) {
			Matcher link = LINK.matcher(header);
			while (link.find()) {
				Matcher rels = REL.matcher(link.group(2));
				if (rels.find()) {
					String value = (rels.group(1) != null) ? rels.group(1) : rels.group(2);
					if (List.of(value.toLowerCase(Locale.ROOT).split("\\s+")).contains(rel)) {
						return resolve(page.uri(), link.group(1));
					}
				}
			}
		}
		return Optional.empty();
	}

	private static Optional<URI> fromHtml(Fetched page, String rel) {
		Optional<String> type = page.headers().firstValue("Content-Type");
		if (type.isPresent() && !type.get().toLowerCase(Locale.ROOT).contains("html")) {
			return Optional.empty();
		}
		Document document = Jsoup.parse(page.body(), page.uri().toString());
		for (Element link : document.select("link[rel][href], a[rel][href]")) {
			if (List.of(link.attr("rel").toLowerCase(Locale.ROOT).split("\\s+")).contains(rel)) {
				return resolve(page.uri(), link.attr("href"));
			}
		}
		return Optional.empty();
	}

	private static Optional<URI> resolve(URI base, String href) {
		try {
			return Optional.of(base.resolve(href.strip()));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	private static URI httpUrl(URI url) {
		String scheme = (url.getScheme() != null) ? url.getScheme().toLowerCase(Locale.ROOT) : "";
		if (!(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
			throw new DiscoveryFailed("its authorization endpoint is not an http(s) URL");
		}
		return url;
	}

	/**
	 * An IndieAuth server.
	 *
	 * @param authorizationEndpoint where the owner is sent and the code is redeemed
	 * @param issuer its issuer identifier, which comes back as {@code iss}, or
	 * {@code null} for a server without metadata
	 */
	record Server(URI authorizationEndpoint, String issuer) {
	}

	private record Fetched(URI uri, HttpHeaders headers, String body) {
	}

	/** The owner's IndieAuth server could not be found; the message says why. */
	static class DiscoveryFailed extends RuntimeException {

		DiscoveryFailed(String message) {
			super(message);
		}

	}

}
