package io.starpunk.http;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One request for {@link OutboundFetch}: a GET that follows redirects and keeps the first
 * {@link #DEFAULT_BYTES} of the body, or a form POST that follows none; either can carry
 * headers and a different size cap (never above the policy's).
 *
 * @param method GET or POST
 * @param url where to
 * @param headers request headers; an {@code Authorization} header is not sent on to
 * another origin
 * @param body the POST body, or {@code null}
 * @param contentType the POST body's type, or {@code null}
 * @param maxBytes how much of the answer's body to read at most
 * @param refuseLarger whether a longer body fails ({@link FetchFailed.Reason#TOO_LARGE})
 * rather than being cut at {@code maxBytes}
 * @param followRedirects whether redirects are followed (up to the policy's limit) or
 * returned as the answer
 */
public record OutboundRequest(String method, URI url, Map<String, String> headers, byte[] body, String contentType,
		int maxBytes, boolean refuseLarger, boolean followRedirects) {

	/** 256 KB. */
	public static final int DEFAULT_BYTES = 256 * 1024;

	public OutboundRequest {
		headers = Map.copyOf(headers);
	}

	/**
	 * A GET that follows redirects and cuts the body at {@link #DEFAULT_BYTES}.
	 * @param url where to
	 * @return the request
	 */
	public static OutboundRequest get(URI url) {
		return new OutboundRequest("GET", url, Map.of(), null, null, DEFAULT_BYTES, false, true);
	}

	/**
	 * A POST of an {@code application/x-www-form-urlencoded} body that follows no
	 * redirect and cuts the answer at {@link #DEFAULT_BYTES}.
	 * @param url where to
	 * @param form the encoded form
	 * @return the request
	 */
	public static OutboundRequest postForm(URI url, String form) {
		return new OutboundRequest("POST", url, Map.of(), form.getBytes(StandardCharsets.UTF_8),
				"application/x-www-form-urlencoded", DEFAULT_BYTES, false, false);
	}

	/**
	 * This request with one more header.
	 * @param name its name
	 * @param value its value
	 * @return the request
	 */
	public OutboundRequest header(String name, String value) {
		Map<String, String> more = new LinkedHashMap<>(this.headers);
		more.put(name, value);
		return new OutboundRequest(this.method, this.url, more, this.body, this.contentType, this.maxBytes,
				this.refuseLarger, this.followRedirects);
	}

	/**
	 * This request, keeping at most the first {@code bytes} of the answer.
	 * @param bytes the cap
	 * @return the request
	 */
	public OutboundRequest truncatedAt(int bytes) {
		return new OutboundRequest(this.method, this.url, this.headers, this.body, this.contentType, bytes, false,
				this.followRedirects);
	}

	/**
	 * This request, failing with {@link FetchFailed.Reason#TOO_LARGE} when the answer is
	 * longer than {@code bytes}.
	 * @param bytes the cap
	 * @return the request
	 */
	public OutboundRequest refusedAbove(int bytes) {
		return new OutboundRequest(this.method, this.url, this.headers, this.body, this.contentType, bytes, true,
				this.followRedirects);
	}

	/**
	 * This request, returning a redirect as the answer instead of following it.
	 * @return the request
	 */
	public OutboundRequest withoutRedirects() {
		return new OutboundRequest(this.method, this.url, this.headers, this.body, this.contentType, this.maxBytes,
				this.refuseLarger, false);
	}

}
