package io.starpunk.micropub;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;

import io.starpunk.http.ClientEndpoints;
import io.starpunk.http.ProtocolErrors;
import io.starpunk.media.MediaRefusedException;
import io.starpunk.media.MediaStore;

/**
 * The one shape of a Micropub error response, for both endpoints:
 * {@code {"error","error_description"}}, the needed {@code scope} for
 * {@code insufficient_scope}, {@code WWW-Authenticate: Bearer} with a 401, never cached.
 * Both for what the controllers refuse and for what Spring refuses before them (a wrong
 * method, a body it cannot read), which reaches the site's error page.
 */
@RestControllerAdvice(assignableTypes = { MicropubController.class, MediaEndpointController.class })
class MicropubErrors implements ProtocolErrors {

	private final MediaStore media;

	MicropubErrors(MediaStore media) {
		this.media = media;
	}

	@ExceptionHandler(MicropubException.class)
	ResponseEntity<Map<String, String>> refuse(MicropubException ex) {
		return response(ex);
	}

	@ExceptionHandler(MediaRefusedException.class)
	ResponseEntity<Map<String, String>> refuseMedia(MediaRefusedException ex) {
		return response(new MicropubException(ex.status(), "invalid_request", ex.getMessage(), null));
	}

	/**
	 * A multipart body that is over the size limits or cannot be read, found when a
	 * controller's parameters are resolved (multipart requests are resolved lazily).
	 */
	@ExceptionHandler(MultipartException.class)
	ResponseEntity<Map<String, String>> refuseMultipart(MultipartException ex) {
		if (ex instanceof MaxUploadSizeExceededException) {
			return refuseMedia(this.media.tooLarge());
		}
		return response(MicropubException.invalidRequest("The multipart body could not be read"));
	}

	/**
	 * The database stayed busy past its timeout (another process writing, a disk that
	 * stalls): nothing was written, and the client may try again.
	 */
	@ExceptionHandler({ CannotCreateTransactionException.class, TransientDataAccessException.class })
	ResponseEntity<Map<String, String>> busy(RuntimeException ex) {
		ResponseEntity<Map<String, String>> answer = response(new MicropubException(HttpStatus.SERVICE_UNAVAILABLE,
				"temporarily_unavailable", "The database is busy; try again in a moment", null));
		return ResponseEntity.status(answer.getStatusCode())
			.headers(answer.getHeaders())
			.header(HttpHeaders.RETRY_AFTER, "1")
			.body(answer.getBody());
	}

	/**
	 * An error of {@code /micropub} or {@code /micropub/media} that no controller
	 * answered.
	 */
	@Override
	public Optional<ResponseEntity<?>> answer(ClientEndpoints.Protocol protocol, HttpStatus status) {
		if (protocol != ClientEndpoints.Protocol.MICROPUB) {
			return Optional.empty();
		}
		return Optional.of(response(
				new MicropubException(status, ProtocolErrors.code(status), ProtocolErrors.describe(status), null)));
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
