package io.starpunk.media;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code GET /media/{year}/{month}/{name}} (and HEAD): an uploaded file, found by its row
 * in {@code media} and never by a path built from the request, with its exact stored type
 * and cached for a year (a stored file never changes; a new upload gets a new name).
 * Anything else is the site's normal 404.
 */
@Controller
class MediaController {

	/** A stored file never changes: a new upload gets a new name. */
	static final String CACHE_FOREVER = "public, max-age=31536000, immutable";

	private static final Pattern YEAR = Pattern.compile("\\d{4}");

	private static final Pattern MONTH = Pattern.compile("\\d{2}");

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+\\.(jpg|jpeg|png|gif|webp)");

	private final MediaStore store;

	MediaController(MediaStore store) {
		this.store = store;
	}

	@GetMapping("/media/{year}/{month}/{name}")
	ResponseEntity<Resource> showMedia(@PathVariable String year, @PathVariable String month,
			@PathVariable String name) {
		if (!YEAR.matcher(year).matches() || !MONTH.matcher(month).matches() || !NAME.matcher(name).matches()) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		MediaFile file = this.store.find("media/" + year + "/" + month + "/" + name)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		Path path = this.store.resolve(file);
		if (!Files.isRegularFile(path)) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(file.contentType()))
			.header(HttpHeaders.CACHE_CONTROL, CACHE_FOREVER)
			.eTag("\"" + file.contentHash() + "\"")
			.body(new FileSystemResource(path));
	}

}
