package io.starpunk.micropub;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The one shape of a Micropub error response: {@code {"error","error_description"}}, the
 * needed {@code scope} for {@code insufficient_scope}, {@code WWW-Authenticate: Bearer}
 * with a 401, never cached.
 */
final class MicropubErrors {

	private MicropubErrors() {
	}

	static ResponseEntity<Map<String, String>> response(MicropubException ex) {
		Map<String, String> body = new LinkedHashMap<>();
		body.put("error", ex.error());
		body.put("error_description", ex.getMessage());
		if (ex.scope() != null) {
			body.put("scope", ex.scope());
		}
		ResponseEntity.BodyBuilder response = ResponseEntity.status(ex.status()).cacheControl(CacheControl.noStore());
		if (ex.status().value() == 401) {
			response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
		}
		return response.contentType(MediaType.APPLICATION_JSON).body(body);
	}

}
