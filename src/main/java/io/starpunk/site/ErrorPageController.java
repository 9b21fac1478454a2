package io.starpunk.site;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

import io.starpunk.http.ClientEndpoints;
import io.starpunk.http.DatabaseUnavailable;
import io.starpunk.http.PathErrors;
import io.starpunk.http.ProtocolErrors;

/**
 * {@code /error}, where the servlet container sends every error no controller answered
 * itself: the site's error page in the layout, in place of Spring's whitelabel page, and
 * never with a stack trace. A database that does not answer is a 503 with
 * {@code Retry-After}, whether a controller or a filter met it. Errors of the endpoints
 * that apps call ({@link ClientEndpoints}) are answered in JSON, by their own protocol's
 * package where it writes them ({@link ProtocolErrors}).
 */
@Controller
class ErrorPageController implements ErrorController {

	private final SitePages pages;

	private final List<ProtocolErrors> protocols;

	private final List<PathErrors> paths;

	ErrorPageController(SitePages pages, List<ProtocolErrors> protocols, List<PathErrors> paths) {
		this.pages = pages;
		this.protocols = protocols;
		this.paths = paths;
	}

	@RequestMapping("/error")
	ResponseEntity<?> showError(HttpServletRequest request, HttpServletResponse response) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		HttpStatus status = (code instanceof Integer value) ? HttpStatus.resolve(value) : null;
		if (status == null || !status.isError()) {
			status = HttpStatus.INTERNAL_SERVER_ERROR;
		}
		if (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable failure
				&& DatabaseUnavailable.causedBy(failure)) {
			// a database that did not answer before any controller was reached (a filter)
			status = HttpStatus.SERVICE_UNAVAILABLE;
		}
		if (status == HttpStatus.SERVICE_UNAVAILABLE && !response.containsHeader(HttpHeaders.RETRY_AFTER)) {
			response.setHeader(HttpHeaders.RETRY_AFTER, Integer.toString(DatabaseUnavailable.RETRY_AFTER_SECONDS));
		}
		Object path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		if (path instanceof String uri) {
			for (PathErrors errors : this.paths) {
				Optional<ResponseEntity<?>> answer = errors.answer(withoutContext(request, uri), status);
				if (answer.isPresent()) {
					return answer.get();
				}
			}
		}
		Optional<ClientEndpoints.Protocol> protocol = (path instanceof String uri)
				? ClientEndpoints.protocol(request.getMethod(), withoutContext(request, uri)) : Optional.empty();
		if (protocol.isPresent()) {
			return clientError(protocol.get(), status);
		}
		return switch (status) {
			case NOT_FOUND -> this.pages.error(status, "Not found", "There is no page here.");
			case BAD_REQUEST -> this.pages.error(status, "Bad request", "This site could not understand that request.");
			case FORBIDDEN -> this.pages.error(status, "Refused",
					"This request was refused. If you sent a form, reload its page and send it again.");
			case METHOD_NOT_ALLOWED -> this.pages.error(status, "Not allowed", "This page cannot be used that way.");
			case SERVICE_UNAVAILABLE -> this.pages.error(status, "Try again in a moment",
					"The site cannot read its notes just now. Nothing is lost; please try again in a few seconds.");
			default -> status.is5xxServerError()
					? this.pages.error(status, "Something went wrong",
							"The site could not answer this time. Please try again later.")
					: this.pages.error(status, status.getReasonPhrase(), "This site could not answer that request.");
		};
	}

	/**
	 * An error of an endpoint that apps call: its protocol's JSON, or the JSON that
	 * Micropub and OAuth share when no protocol package writes its own.
	 */
	private ResponseEntity<?> clientError(ClientEndpoints.Protocol protocol, HttpStatus status) {
		for (ProtocolErrors errors : this.protocols) {
			Optional<ResponseEntity<?>> answer = errors.answer(protocol, status);
			if (answer.isPresent()) {
				return answer.get();
			}
		}
		return ResponseEntity.status(status)
			.cacheControl(CacheControl.noStore())
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("error", ProtocolErrors.code(status), "error_description", ProtocolErrors.describe(status)));
	}

	private static String withoutContext(HttpServletRequest request, String uri) {
		String context = request.getContextPath();
		return (context != null && !context.isEmpty() && uri.startsWith(context)) ? uri.substring(context.length())
				: uri;
	}

}
