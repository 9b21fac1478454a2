package io.starpunk.export;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * {@code GET /admin/export}: the owner's export, streamed as it is written (the owner's
 * pages are guarded by the sign-in, as every page under {@code /admin}).
 */
@Controller
class ExportController {

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);

	private final NotesExport export;

	private final Clock clock;

	ExportController(NotesExport export, Clock clock) {
		this.export = export;
		this.clock = clock;
	}

	@GetMapping("/admin/export")
	ResponseEntity<StreamingResponseBody> exportEverything() {
		String name = "starpunk-export-" + DAY.format(this.clock.instant()) + ".zip";
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType("application/zip"))
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
			.header(HttpHeaders.CACHE_CONTROL, "no-store")
			.body(this.export::write);
	}

}
