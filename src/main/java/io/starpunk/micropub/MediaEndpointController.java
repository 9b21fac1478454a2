package io.starpunk.micropub;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import io.starpunk.indieauth.AccessToken;
import io.starpunk.media.MediaStore;
import io.starpunk.media.StoredMedia;

/**
 * {@code /micropub/media}, the Micropub media endpoint: a token with the {@code media}
 * (or {@code create}) scope uploads one image in the multipart part {@code file} and is
 * answered 201 with its URL; {@code q=last} names the most recent upload.
 */
@RestController
class MediaEndpointController {

	private final MicropubAuth auth;

	private final MediaStore media;

	private final MicropubWrites writes;

	MediaEndpointController(MicropubAuth auth, MediaStore media, MicropubWrites writes) {
		this.auth = auth;
		this.media = media;
		this.writes = writes;
	}

	@PostMapping(path = "/micropub/media", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	ResponseEntity<Map<String, String>> uploadMedia(
			@RequestParam(name = "access_token", required = false) List<String> fieldTokens,
			@RequestParam(name = "file", required = false) List<MultipartFile> files, HttpServletRequest request) {
		SingleValues.check(SingleValues.MEDIA, request.getParameterMap());
		if (fieldTokens != null && fieldTokens.size() > 1) {
			throw MicropubException.invalidRequest("access_token was sent more than once");
		}
		AccessToken token = this.auth.authenticate(request, (fieldTokens != null) ? fieldTokens.get(0) : null);
		if (!token.hasScope("media") && !token.hasScope("create")) {
			throw MicropubException.insufficientScope("media");
		}
		if (files == null || files.isEmpty()) {
			throw MicropubException.invalidRequest("Send the file in a multipart part named 'file'");
		}
		if (files.size() > 1) {
			throw MicropubException.invalidRequest("Send one file at a time");
		}
		StoredMedia stored;
		try (InputStream content = files.get(0).getInputStream()) {
			stored = this.media.store(content);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read an upload", ex);
		}
		this.writes.count("media");
		return ResponseEntity.created(stored.url())
			.cacheControl(CacheControl.noStore())
			.body(Map.of("url", stored.url().toString()));
	}

	@PostMapping("/micropub/media")
	ResponseEntity<Map<String, String>> refuseNonMultipart() {
		throw new MicropubException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "invalid_request",
				"Send the file as multipart/form-data in a part named 'file'", null);
	}

	@GetMapping("/micropub/media")
	ResponseEntity<Map<String, String>> query(@RequestParam(name = "q", required = false) String q,
			@RequestParam(name = "access_token", required = false) String fieldToken, HttpServletRequest request) {
		SingleValues.check(SingleValues.MEDIA, request.getParameterMap());
		this.auth.authenticate(request, fieldToken);
		if (!"last".equals(q)) {
			throw MicropubException.invalidRequest((q == null) ? "q is required" : "Unknown query: q=" + q);
		}
		Map<String, String> answer = this.media.last()
			.map((last) -> Map.of("url", last.url().toString()))
			.orElseGet(Map::of);
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(answer);
	}

}
