package io.starpunk.micropub;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Component;

import io.starpunk.http.UploadGate;
import io.starpunk.indieauth.AccessToken;

/**
 * Who may send Micropub an upload larger than the small body limit, or one without a
 * {@code Content-Length}: a client whose {@code Authorization: Bearer} token verifies (as
 * every Micropub request's does, with the same caches), is the owner's, and has a scope
 * that can upload: {@code create} or {@code draft} for a post with photos, {@code create}
 * or {@code media} for the media endpoint. A token in the body is not read before the
 * body is, so it allows only the small limit. A refusal is Micropub's JSON, sent before a
 * byte of the body is read.
 */
@Component
class MicropubUploads implements UploadGate {

	private final MicropubAuth auth;

	MicropubUploads(MicropubAuth auth) {
		this.auth = auth;
	}

	@Override
	public boolean guards(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return "POST".equalsIgnoreCase(request.getMethod()) && (path.equals("/micropub") || isMedia(path));
	}

	@Override
	public Optional<Refusal> check(HttpServletRequest request, long smallLimit) {
		boolean media = isMedia(request.getRequestURI().substring(request.getContextPath().length()));
		AccessToken token;
		try {
			token = this.auth.authenticateHeader(request);
		}
		catch (MicropubException ex) {
			String description = (ex.status().value() == 401)
					? ex.getMessage() + ": a request over " + smallLimit + " bytes, or without a Content-Length, "
							+ "needs a valid access token in the Authorization header (a token in the body is "
							+ "enough only for smaller requests)"
					: ex.getMessage();
			return Optional.of(new Refusal.Json(ex.status().value(), ex.error(), description, ex.scope()));
		}
		boolean mayUpload = token.hasScope("create") || (media ? token.hasScope("media") : token.hasScope("draft"));
		if (!mayUpload) {
			MicropubException refused = MicropubException.insufficientScope(media ? "media" : "create");
			return Optional
				.of(new Refusal.Json(refused.status().value(), refused.error(), refused.getMessage(), refused.scope()));
		}
		return Optional.empty();
	}

	@Override
	public Refusal tooLarge(HttpServletRequest request, long limit) {
		return new Refusal.Json(413, "invalid_request", "The request body is larger than " + limit + " bytes", null);
	}

	private static boolean isMedia(String path) {
		return path.equals("/micropub/media");
	}

}
