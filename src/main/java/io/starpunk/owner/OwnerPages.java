package io.starpunk.owner;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import io.starpunk.config.StarpunkSettings;
import io.starpunk.config.Templates;
import io.starpunk.http.DiscoveryLinks;

/**
 * Every page of the owner's channel (sign-in and the admin pages): the template inside
 * {@code owner/layout.jte}, never cached, never framed.
 */
@Component
public class OwnerPages {

	private static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);

	private final Templates templates;

	private final StarpunkSettings settings;

	private final OwnerSessions sessions;

	private final DiscoveryLinks discovery;

	OwnerPages(Templates templates, StarpunkSettings settings, OwnerSessions sessions, DiscoveryLinks discovery) {
		this.templates = templates;
		this.settings = settings;
		this.sessions = sessions;
		this.discovery = discovery;
	}

	/**
	 * A page.
	 * @param status the status (200, or 4xx for a form sent back with its errors)
	 * @param template the template, such as {@code admin/dashboard.jte}; it takes
	 * {@code frame} ({@link PageFrame}) and {@code view}
	 * @param title the document title, before the site's name
	 * @param view the template's {@code view} parameter
	 * @param csrf the request's CSRF token (a handler parameter of type
	 * {@link CsrfToken})
	 * @return the response
	 */
	public ResponseEntity<String> page(HttpStatus status, String template, String title, Object view, CsrfToken csrf) {
		PageFrame frame = new PageFrame(title + " – " + this.settings.siteName(), this.settings.siteName(),
				this.settings.url().toString(),
				List.of(this.settings.url("css", "site.css").toString(),
						this.settings.url("css", "admin.css").toString()),
				OwnerAuthentication.isOwner(SecurityContextHolder.getContext().getAuthentication()), Csrf.of(csrf),
				this.discovery.links());
		String body = this.templates.render(template, Map.of("frame", frame, "view", view));
		ResponseEntity.BodyBuilder response = ResponseEntity.status(status)
			.contentType(HTML)
			.header(HttpHeaders.CACHE_CONTROL, "no-store")
			.header(HttpHeaders.LINK, this.discovery.header());
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes current) {
			// a session whose expiry moved on gets its cookie again, with the new
			// lifetime
			this.sessions.renewedCookie(current.getRequest())
				.ifPresent((cookie) -> response.header(HttpHeaders.SET_COOKIE, cookie));
		}
		return response.body(body);
	}

}
