package io.starpunk.webmention;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The webmention endpoint, {@code POST /webmention} (form-encoded {@code source} and
 * {@code target}): 202 with the request's status URL in {@code Location}, or an error as
 * JSON {@code {"error", "error_description"}}: 400 with the reason, 429 with
 * {@code Retry-After}. {@code GET /webmention/requests/{id}} tells what became of a
 * request, as plain text.
 */
@Controller
class WebmentionController {

	private static final MediaType TEXT = new MediaType(MediaType.TEXT_PLAIN, java.nio.charset.StandardCharsets.UTF_8);

	private final Reception reception;

	private final RequestRepository requests;

	WebmentionController(Reception reception, RequestRepository requests) {
		this.reception = reception;
		this.requests = requests;
	}

	@PostMapping("/webmention")
	ResponseEntity<?> receiveWebmention(HttpServletRequest request) {
		MediaType type = contentType(request);
		if (type == null || !MediaType.APPLICATION_FORM_URLENCODED.includes(type)) {
			return error(HttpStatus.BAD_REQUEST, "invalid_request",
					"Send source and target as application/x-www-form-urlencoded.");
		}
		String[] sources = request.getParameterValues("source");
		String[] targets = request.getParameterValues("target");
		if ((sources != null && sources.length > 1) || (targets != null && targets.length > 1)) {
			return error(HttpStatus.BAD_REQUEST, "invalid_request", "Send one source and one target.");
		}
		Reception.Outcome outcome = this.reception.receive((sources != null) ? sources[0] : null,
				(targets != null) ? targets[0] : null);
		if (outcome instanceof Reception.Accepted accepted) {
			return ResponseEntity.status(HttpStatus.ACCEPTED)
				.location(accepted.status())
				.contentType(TEXT)
				.cacheControl(CacheControl.noStore())
				.body("Accepted: the source will be checked. Its status: " + accepted.status() + "\n");
		}
		if (outcome instanceof Reception.Limited limited) {
			long seconds = Math.max(1, (limited.retryAfter().toMillis() + 999) / 1000);
			return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
				.header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
				.cacheControl(CacheControl.noStore())
				.contentType(MediaType.APPLICATION_JSON)
				.body(Map.of("error", "too_many_requests", "error_description",
						"Too many webmentions from this source's host; try again in " + seconds + " s."));
		}
		return error(HttpStatus.BAD_REQUEST, "invalid_request", ((Reception.Refused) outcome).reason());
	}

	@GetMapping("/webmention/requests/{id}")
	ResponseEntity<String> showRequest(@PathVariable String id) {
		if (!id.matches("[0-9a-f]{32}")) {
			return text(HttpStatus.NOT_FOUND, "No such webmention request.\n");
		}
		return this.requests.find(id)
			.map((found) -> text(HttpStatus.OK,
					"state: " + found.state() + "\nsource: " + found.source() + "\ntarget: " + found.target()
							+ "\nreceived: " + found.receivedAt()
							+ ((found.checkedAt() != null) ? "\nchecked: " + found.checkedAt() : "")
							+ ((found.reason() != null) ? "\nreason: " + found.reason() : "") + "\n"))
			.orElseGet(() -> text(HttpStatus.NOT_FOUND, "No such webmention request.\n"));
	}

	private static MediaType contentType(HttpServletRequest request) {
		try {
			return (request.getContentType() != null) ? MediaType.parseMediaType(request.getContentType()) : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static ResponseEntity<String> text(HttpStatus status, String body) {
		return ResponseEntity.status(status).contentType(TEXT).cacheControl(CacheControl.noStore()).body(body);
	}

	private static ResponseEntity<Map<String, String>> error(HttpStatus status, String code, String description) {
		return ResponseEntity.status(status)
			.cacheControl(CacheControl.noStore())
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("error", code, "error_description", description));
	}

}
