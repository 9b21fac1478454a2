package io.starpunk.http;

/**
 * An outbound fetch that did not bring an answer back; {@link #reason()} says why. The
 * message names the host and the reason, never a header or a body.
 */
public final class FetchFailed extends Exception {

	private final Reason reason;

	FetchFailed(Reason reason, String message) {
		super(message, null, false, false);
		this.reason = reason;
	}

	public Reason reason() {
		return this.reason;
	}

	/** Why a fetch failed. */
	public enum Reason {

		/** Not an http or https URL with a host, or not the one it may reach. */
		NOT_ALLOWED_URL,
		/** The host resolves to (or is) an address the policy refuses. */
		REFUSED_ADDRESS,
		/** The host name has no address. */
		UNKNOWN_HOST,
		/** No connection could be made, or it broke. */
		UNREACHABLE,
		/** The time cap ran out (to connect, or for the whole fetch). */
		TIMEOUT,
		/** The body is over a cap that refuses rather than cuts. */
		TOO_LARGE,
		/** More redirects than the policy follows. */
		TOO_MANY_REDIRECTS,
		/**
		 * A redirect without a usable Location, to another scheme than http(s), or from
		 * https to http.
		 */
		BAD_REDIRECT,
		/** The waiting thread was interrupted. */
		INTERRUPTED

	}

}
