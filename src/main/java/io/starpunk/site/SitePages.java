package io.starpunk.site;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import io.starpunk.config.Sha256;
import io.starpunk.config.StarpunkSettings;
import io.starpunk.config.Templates;
import io.starpunk.http.DiscoveryLinks;

/**
 * Every HTML response of the site: the template inside the layout, the discovery
 * {@code Link} header, and a strong ETag so a repeated request is answered with 304.
 * Public for the site's other public pages (search), whose templates take the layout's
 * {@link Frame}.
 */
@Component
public class SitePages {

	private static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);

	private final Templates templates;

	private final DiscoveryLinks discovery;

	private final StarpunkSettings settings;

	SitePages(Templates templates, DiscoveryLinks discovery, StarpunkSettings settings) {
		this.templates = templates;
		this.discovery = discovery;
		this.settings = settings;
	}

	OwnerCard owner() {
		String name = this.settings.siteAuthor().isEmpty() ? this.settings.siteName() : this.settings.siteAuthor();
		return new OwnerCard(name, this.settings.adminMe().toString(),
				(this.settings.authorPhoto() != null) ? this.settings.authorPhoto().toString() : null,
				this.settings.relMe().stream().map(java.net.URI::toString).toList());
	}

	/**
	 * A page, 200 with an ETag; Spring answers 304 when If-None-Match matches it.
	 * @param template the template, such as {@code site/home.jte}
	 * @param title the document title, before the site's name
	 * @param view the template's {@code view} parameter
	 * @return the response
	 */
	ResponseEntity<String> page(String template, String title, Object view) {
		return page(template, title, view, List.of());
	}

	/**
	 * A page with feeds of its own, advertised in its head.
	 * @param template the template
	 * @param title the document title, before the site's name
	 * @param view the template's {@code view} parameter
	 * @param feeds the page's feeds
	 * @return the response
	 */
	ResponseEntity<String> page(String template, String title, Object view, List<Frame.FeedLink> feeds) {
		return page(template, title, view, feeds, List.of());
	}

	/**
	 * A page with links of its own (WebSub's {@code hub} and {@code self}) beside the
	 * site's discovery links, in its head and its {@code Link} header.
	 * @param template the template
	 * @param title the document title, before the site's name
	 * @param view the template's {@code view} parameter
	 * @param feeds the page's feeds
	 * @param links the page's own links
	 * @return the response
	 */
	ResponseEntity<String> page(String template, String title, Object view, List<Frame.FeedLink> feeds,
			List<DiscoveryLinks.Link> links) {
		String body = render(template, title, view, feeds, links);
		return ResponseEntity.ok()
			.contentType(HTML)
			.header(HttpHeaders.LINK,
					links.isEmpty() ? this.discovery.header()
							: this.discovery.header() + ", " + DiscoveryLinks.header(links))
			.eTag("\"" + Sha256.hex(body) + "\"")
			.body(body);
	}

	/**
	 * A page with any status: 200 as {@link #page(String, String, Object)}, any other
	 * status not to be stored (a page that explains what was wrong with a request).
	 * @param status the status
	 * @param template the template, whose parameters are {@code frame} and {@code view}
	 * @param title the document title, before the site's name
	 * @param view the template's {@code view} parameter
	 * @return the response
	 */
	public ResponseEntity<String> page(HttpStatus status, String template, String title, Object view) {
		if (status == HttpStatus.OK) {
			return page(template, title, view);
		}
		return ResponseEntity.status(status)
			.contentType(HTML)
			.header(HttpHeaders.LINK, this.discovery.header())
			.header(HttpHeaders.CACHE_CONTROL, "no-store")
			.body(render(template, title, view, List.of()));
	}

	/**
	 * An error page in the layout.
	 * @param status the status
	 * @param heading what went wrong
	 * @param message what a reader can do
	 * @return the response
	 */
	ResponseEntity<String> error(HttpStatus status, String heading, String message) {
		String body = render("site/error.jte", heading, new ErrorView(status.value(), heading, message), List.of());
		return ResponseEntity.status(status)
			.contentType(HTML)
			.header(HttpHeaders.LINK, this.discovery.header())
			.header(HttpHeaders.CACHE_CONTROL, "no-store")
			.body(body);
	}

	private String render(String template, String title, Object view, List<Frame.FeedLink> feeds) {
		return render(template, title, view, feeds, List.of());
	}

	private String render(String template, String title, Object view, List<Frame.FeedLink> feeds,
			List<DiscoveryLinks.Link> own) {
		List<DiscoveryLinks.Link> links = new java.util.ArrayList<>(this.discovery.links());
		links.addAll(own);
		String siteName = this.settings.siteName();
		String fullTitle = (title == null || title.isEmpty() || title.equals(siteName)) ? siteName
				: title + " – " + siteName;
		Frame frame = new Frame(fullTitle, siteName, this.settings.url().toString(),
				this.settings.url("css", "site.css").toString(), links, feeds);
		return this.templates.render(template, Map.of("frame", frame, "view", view));
	}

}
