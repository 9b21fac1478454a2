package io.starpunk.indieauth;

import java.util.Optional;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

import io.starpunk.http.ClientEndpoints;
import io.starpunk.http.ProtocolErrors;

/**
 * Errors of the token, introspection, revocation, userinfo and metadata endpoints as
 * OAuth 2.0 JSON ({@code {"error","error_description"}}) with their status: never the
 * HTML error page, never a stack trace, never a token. Both for what the controllers
 * refuse and for what Spring refuses before them (a wrong method, a body it cannot read),
 * which reaches the site's error page.
 */
@RestControllerAdvice(assignableTypes = { TokenController.class, TokenInfoController.class, MetadataController.class })
class OAuthErrors implements ProtocolErrors {

	private static final Log logger = LogFactory.getLog(OAuthErrors.class);

	@ExceptionHandler(OAuthException.class)
	ResponseEntity<OAuthJson.Error> oauthError(OAuthException ex) {
		ResponseEntity.BodyBuilder response = TokenController.noStore(ex.status());
		if (ex.status() == HttpStatus.UNAUTHORIZED) {
			response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"" + ex.error() + "\"");
		}
		else if ("insufficient_scope".equals(ex.error())) {
			response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"insufficient_scope\", scope=\"profile\"");
		}
		return response.body(new OAuthJson.Error(ex.error(), ex.getMessage()));
	}

	@ExceptionHandler(RateLimited.class)
	ResponseEntity<OAuthJson.Error> rateLimited(RateLimited ex) {
		return TokenController.noStore(HttpStatus.TOO_MANY_REQUESTS)
			.header(HttpHeaders.RETRY_AFTER, Long.toString(ex.retryAfter().toSeconds()))
			.body(new OAuthJson.Error("temporarily_unavailable", ex.getMessage()));
	}

	@ExceptionHandler({ HttpMessageNotReadableException.class, HttpMediaTypeNotSupportedException.class,
			ServletRequestBindingException.class, MethodArgumentTypeMismatchException.class })
	ResponseEntity<OAuthJson.Error> badRequest() {
		return TokenController.noStore(HttpStatus.BAD_REQUEST)
			.body(new OAuthJson.Error("invalid_request", "The request could not be read"));
	}

	/**
	 * An error of one of the OAuth endpoints ({@link ClientEndpoints.Protocol#OAUTH})
	 * that no controller answered.
	 */
	@Override
	public Optional<ResponseEntity<?>> answer(ClientEndpoints.Protocol protocol, HttpStatus status) {
		if (protocol != ClientEndpoints.Protocol.OAUTH) {
			return Optional.empty();
		}
		return Optional.of(TokenController.noStore(status)
			.contentType(MediaType.APPLICATION_JSON)
			.body(new OAuthJson.Error(ProtocolErrors.code(status), ProtocolErrors.describe(status))));
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<OAuthJson.Error> serverError(Exception ex) {
		logger.error("The token endpoints failed", ex);
		return TokenController.noStore(HttpStatus.INTERNAL_SERVER_ERROR)
			.body(new OAuthJson.Error("server_error", "The server could not answer this time"));
	}

}
