package io.starpunk.http;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import io.starpunk.config.StarpunkSettings;

/**
 * The one list of links that let IndieAuth, Micropub, webmention senders and feed readers
 * find this site's endpoints, given on every page (the public ones and the owner's) both
 * as {@code <link>} elements and as an HTTP {@code Link} header. With
 * {@code TOKEN_ENDPOINT} set, the token endpoint named is that one, and the metadata link
 * (which names this server's own) is left out.
 */
@Component
public class DiscoveryLinks {

	private final List<Link> links;

	private final String header;

	public DiscoveryLinks(StarpunkSettings settings) {
		URI externalTokens = settings.micropub().tokenEndpoint();
		List<Link> all = new ArrayList<>();
		if (externalTokens == null) {
			all.add(new Link("indieauth-metadata", settings.url(".well-known", "oauth-authorization-server")));
		}
		all.add(new Link("authorization_endpoint", settings.url("auth", "authorize")));
		// with TOKEN_ENDPOINT set, apps must get their tokens where Micropub checks them
		all.add(new Link("token_endpoint", (externalTokens != null) ? externalTokens : settings.url("auth", "token")));
		all.add(new Link("micropub", settings.url("micropub")));
		all.add(new Link("webmention", settings.url("webmention")));
		all.add(new Link("alternate", settings.url("feed.xml"), "application/rss+xml"));
		all.add(new Link("alternate", settings.url("feed.atom"), "application/atom+xml"));
		all.add(new Link("alternate", settings.url("feed.json"), "application/feed+json"));
		this.links = List.copyOf(all);
		this.header = this.links.stream().map(Link::headerValue).collect(Collectors.joining(", "));
	}

	public List<Link> links() {
		return this.links;
	}

	/** The value of the {@code Link} header (RFC 8288). */
	public String header() {
		return this.header;
	}

	/**
	 * WebSub discovery: one {@code hub} link per hub and the resource's {@code self};
	 * none without hubs.
	 * @param hubs the hubs ({@code WEBSUB_HUB})
	 * @param self the URL the resource is published under
	 * @return the links
	 */
	public static List<Link> websub(List<URI> hubs, URI self) {
		if (hubs.isEmpty()) {
			return List.of();
		}
		List<Link> links = new ArrayList<>();
		hubs.forEach((hub) -> links.add(new Link("hub", hub)));
		links.add(new Link("self", self));
		return List.copyOf(links);
	}

	/**
	 * The value of a {@code Link} header of these links.
	 * @param links the links
	 * @return the value, empty for none
	 */
	public static String header(List<Link> links) {
		return links.stream().map(Link::headerValue).collect(Collectors.joining(", "));
	}

	/**
	 * One link.
	 *
	 * @param rel the relation
	 * @param href the absolute URL
	 * @param type the media type, or {@code null}
	 */
	public record Link(String rel, String href, String type) {

		Link(String rel, URI href) {
			this(rel, href.toString(), null);
		}

		Link(String rel, URI href, String type) {
			this(rel, href.toString(), type);
		}

		String headerValue() {
			return "<" + this.href + ">; rel=\"" + this.rel + "\""
					+ ((this.type != null) ? "; type=\"" + this.type + "\"" : "");
		}

	}

}
