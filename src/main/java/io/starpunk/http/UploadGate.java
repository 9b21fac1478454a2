package io.starpunk.http;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

/**
 * An endpoint that takes uploads, and the proof it asks before a byte of one is read. The
 * body limit ({@code RequestSizeLimit}) gives a multipart body the upload limit
 * ({@code 4 × MEDIA_MAX_BYTES + 1 MB}) only when the gate that guards its path admits it;
 * any other body has the small limit, and one of unknown length (chunked) is refused
 * unread. The packages that know how a sender proves itself implement this as beans:
 * {@code micropub} (a bearer token in the header) and {@code admin} (the owner's
 * session).
 */
public interface UploadGate {

	/**
	 * Whether this gate guards the request's endpoint.
	 * @param request a multipart request, of which nothing was read
	 * @return whether it does
	 */
	boolean guards(HttpServletRequest request);

	/**
	 * Whether the request shows, in its headers alone, that it may carry an upload: the
	 * body is not read, so a proof inside it does not count.
	 * @param request a request this gate guards
	 * @param smallLimit the limit of a body from a sender not admitted, in bytes
	 * @return empty when it may; otherwise the answer that refuses a body over the small
	 * limit, or of unknown length, from this sender
	 */
	Optional<Refusal> check(HttpServletRequest request, long smallLimit);

	/**
	 * The answer to an upload over the upload limit from a sender this gate admitted.
	 * @param request the request
	 * @param limit the upload limit, in bytes
	 * @return the refusal
	 */
	Refusal tooLarge(HttpServletRequest request, long limit);

	/** How a body is refused, unread. */
	sealed interface Refusal {

		/**
		 * A client's error in JSON, {@code {"error","error_description"}} and the
		 * {@code scope} needed, if one; a 401 also says {@code WWW-Authenticate: Bearer}.
		 *
		 * @param status the status
		 * @param error the error code
		 * @param description what went wrong, for the client's developer
		 * @param scope the scope needed, or {@code null}
		 */
		record Json(int status, String error, String description, String scope) implements Refusal {
		}

		/**
		 * Back to a page of this site that says why (303), for a form sent by a browser.
		 *
		 * @param location the path of the page, within the application
		 */
		record SeeOther(String location) implements Refusal {
		}

	}

}
