package io.starpunk.site;

import java.util.List;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * {@code /error}, where the servlet container sends every error no controller answered
 * itself: the site's error page in the layout, in place of Spring's whitelabel page, and
 * never with a stack trace.
 */
@Controller
class ErrorPageController implements ErrorController {

	private final SitePages pages;

	ErrorPageController(SitePages pages) {
		this.pages = pages;
	}

	/**
	 * Endpoints that apps call, not people: they get OAuth-style JSON errors even for
	 * what Spring answers before any controller of theirs (a wrong method, a body it
	 * cannot read).
	 */
	static final List<String> CLIENT_ENDPOINTS = List.of("/auth/token", "/auth/introspect", "/auth/revoke",
			"/auth/userinfo", "/.well-known/oauth-authorization-server", "/micropub");

	@RequestMapping("/error")
	ResponseEntity<String> showError(HttpServletRequest request) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		HttpStatus status = (code instanceof Integer value) ? HttpStatus.resolve(value) : null;
		if (status == null || !status.isError()) {
			status = HttpStatus.INTERNAL_SERVER_ERROR;
		}
		Object path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		if (path instanceof String uri && CLIENT_ENDPOINTS.stream().anyMatch(uri::startsWith)) {
			return clientError(status);
		}
		return switch (status) {
			case NOT_FOUND -> this.pages.error(status, "Not found", "There is no page here.");
			case BAD_REQUEST -> this.pages.error(status, "Bad request", "This site could not understand that request.");
			case FORBIDDEN -> this.pages.error(status, "Refused",
					"This request was refused. If you sent a form, reload its page and send it again.");
			case METHOD_NOT_ALLOWED -> this.pages.error(status, "Not allowed", "This page cannot be used that way.");
			default -> status.is5xxServerError()
					? this.pages.error(status, "Something went wrong",
							"The site could not answer this time. Please try again later.")
					: this.pages.error(status, status.getReasonPhrase(), "This site could not answer that request.");
		};
	}

	private static ResponseEntity<String> clientError(HttpStatus status) {
		String error = status.is5xxServerError() ? "server_error" : "invalid_request";
		String description = switch (status) {
			case METHOD_NOT_ALLOWED -> "This endpoint does not take that HTTP method";
			case NOT_FOUND -> "There is no such endpoint";
			case UNSUPPORTED_MEDIA_TYPE -> "This endpoint does not take that Content-Type";
			default -> status.is5xxServerError() ? "The server could not answer this time" : status.getReasonPhrase();
		};
		String json = "{\"error\":\"" + error + "\",\"error_description\":\"" + description.replace("\"", "'") + "\"}";
		return ResponseEntity.status(status)
			.contentType(MediaType.APPLICATION_JSON)
			.header(HttpHeaders.CACHE_CONTROL, "no-store")
			.body(json);
	}

}
