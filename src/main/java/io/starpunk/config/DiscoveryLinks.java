package io.starpunk.config;

import java.net.URI;
import java.util.List;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

/**
 * The one list of links that let IndieAuth, Micropub and feed readers find this site's
 * endpoints, given on every page (the public ones and the owner's) both as {@code <link>}
 * elements and as an HTTP {@code Link} header.
 */
@Component
public class DiscoveryLinks {

	private final List<Link> links;

	private final String header;

	public DiscoveryLinks(StarpunkSettings settings) {
		this.links = List.of(new Link("indieauth-metadata", settings.url(".well-known", "oauth-authorization-server")),
				new Link("authorization_endpoint", settings.url("auth", "authorize")),
				new Link("token_endpoint", settings.url("auth", "token")),
				new Link("micropub", settings.url("micropub")),
				new Link("alternate", settings.url("feed.xml"), "application/rss+xml"),
				new Link("alternate", settings.url("feed.atom"), "application/atom+xml"),
				new Link("alternate", settings.url("feed.json"), "application/feed+json"));
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
