package io.starpunk.http;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The largest body any request may carry, decided from its headers before Spring Security
 * or anything else reads a byte of it: 1 MB (notes are text), and for a multipart upload
 * whose {@link UploadGate} admits its sender (a verified bearer token in the header for
 * Micropub, the owner's session for the editor) four files of {@code MEDIA_MAX_BYTES} and
 * 1 MB besides. A sender that is not admitted (anonymous, or with a token only in the
 * body, which is not read here) has the small limit, and is told why by its gate.
 * <p>
 * A {@code Content-Length} over the limit is refused at once, unread. A body without one
 * (chunked) is held to the limit by whoever reads it: the container reads a form's fields
 * (up to {@code server.tomcat.max-http-form-post-size}, the same 1 MB, which
 * {@link MalformedParameters} answers) and an admitted upload's parts (up to the
 * multipart limits of {@link UploadConfiguration}); any other body is read here, at most
 * 1 MB into memory, and handed on from there, so that nothing downstream sees a partial
 * body. A chunked multipart body from a sender not admitted is refused unread: nothing
 * could hold it to the small limit but parsing it.
 */
final class RequestSizeLimit extends OncePerRequestFilter {

	/** The limit of every request but an admitted upload. */
	static final long DEFAULT_LIMIT = DataSize.ofMegabytes(1).toBytes();

	private final long uploadLimit;

	private final List<UploadGate> gates;

	RequestSizeLimit(DataSize mediaMaxBytes, List<UploadGate> gates) {
		this.uploadLimit = UploadConfiguration.FILES_PER_REQUEST * mediaMaxBytes.toBytes() + DEFAULT_LIMIT;
		this.gates = List.copyOf(gates);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long length = request.getContentLengthLong();
		boolean unknownLength = length < 0 && request.getHeader("Transfer-Encoding") != null;
		if (!unknownLength && length <= DEFAULT_LIMIT) {
			// the container reads no more than the Content-Length it was given
			chain.doFilter(request, response);
			return;
		}
		if (hasType(request, "multipart/")) {
			upload(request, response, chain, length);
			return;
		}
		if (length > DEFAULT_LIMIT) {
			refuse(request, response, tooLarge(DEFAULT_LIMIT));
			return;
		}
		if ("POST".equalsIgnoreCase(request.getMethod()) && hasType(request, "application/x-www-form-urlencoded")) {
			// the container reads the fields, up to the same limit
			chain.doFilter(request, response);
			return;
		}
		byte[] body = request.getInputStream().readNBytes((int) DEFAULT_LIMIT + 1);
		if (body.length > DEFAULT_LIMIT) {
			refuse(request, response, tooLarge(DEFAULT_LIMIT));
			return;
		}
		chain.doFilter(new ReadBody(request, body), response);
	}

	/**
	 * A multipart body over the small limit, or of unknown length: only a sender its gate
	 * admits may send it, and no more than the upload limit.
	 */
	private void upload(HttpServletRequest request, HttpServletResponse response, FilterChain chain, long length)
			throws ServletException, IOException {
		UploadGate gate = this.gates.stream().filter((candidate) -> candidate.guards(request)).findFirst().orElse(null);
		if (gate == null) {
			refuse(request, response,
					(length > DEFAULT_LIMIT) ? tooLarge(DEFAULT_LIMIT)
							: new UploadGate.Refusal.Json(HttpServletResponse.SC_LENGTH_REQUIRED, "invalid_request",
									"A multipart body needs a Content-Length here", null));
			return;
		}
		UploadGate.Refusal refusal = gate.check(request, DEFAULT_LIMIT).orElse(null);
		if (refusal == null && length > this.uploadLimit) {
			refusal = gate.tooLarge(request, this.uploadLimit);
		}
		if (refusal != null) {
			refuse(request, response, refusal);
			return;
		}
		// a chunked body is held to the upload limit by the container as it reads the
		// parts
		chain.doFilter(request, response);
	}

	private static boolean hasType(HttpServletRequest request, String type) {
		String contentType = request.getContentType();
		return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith(type);
	}

	private static UploadGate.Refusal tooLarge(long limit) {
		return new UploadGate.Refusal.Json(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "invalid_request",
				"The request body is larger than " + limit + " bytes", null);
	}

	/**
	 * Refuses a request before any controller sees it: JSON
	 * {@code {"error":"invalid_request"}} for the endpoints apps call, plain text for the
	 * rest, and the connection closed, since the body may be left unread.
	 */
	static void refuse(HttpServletRequest request, HttpServletResponse response, int status, String description)
			throws IOException {
		refuse(request, response, new UploadGate.Refusal.Json(status, "invalid_request", description, null));
	}

	private static void refuse(HttpServletRequest request, HttpServletResponse response, UploadGate.Refusal refusal)
			throws IOException {
		if (response.isCommitted()) {
			return;
		}
		response.reset();
		response.setHeader("Connection", "close");
		response.setHeader("Cache-Control", "no-store");
		byte[] body;
		if (refusal instanceof UploadGate.Refusal.SeeOther seeOther) {
			// a browser's form: back to the page, which says why
			response.setStatus(HttpServletResponse.SC_SEE_OTHER);
			response.setHeader("Location", request.getContextPath() + seeOther.location());
			body = new byte[0];
		}
		else if (refusal instanceof UploadGate.Refusal.Json json && ClientEndpoints.matches(request)) {
			response.setStatus(json.status());
			if (json.status() == HttpServletResponse.SC_UNAUTHORIZED) {
				response.setHeader("WWW-Authenticate", "Bearer");
			}
			response.setContentType("application/json");
			body = json(json).getBytes(StandardCharsets.UTF_8);
		}
		else {
			UploadGate.Refusal.Json json = (UploadGate.Refusal.Json) refusal;
			response.setStatus(json.status());
			response.setContentType("text/plain;charset=UTF-8");
			body = (json.description() + ".\n").getBytes(StandardCharsets.UTF_8);
		}
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
		response.flushBuffer();
	}

	private static String json(UploadGate.Refusal.Json refusal) {
		StringBuilder json = new StringBuilder("{\"error\":").append(quoted(refusal.error()))
			.append(",\"error_description\":")
			.append(quoted(refusal.description()));
		if (refusal.scope() != null) {
			json.append(",\"scope\":").append(quoted(refusal.scope()));
		}
		return json.append('}').toString();
	}

	private static String quoted(String text) {
		StringBuilder quoted = new StringBuilder("\"");
		for (char c : text.toCharArray()) {
			if (c == '"' || c == '\\') {
				quoted.append('\\').append(c);
			}
			else if (c < 0x20) {
				quoted.append(String.format("\\u%04x", (int) c));
			}
			else {
				quoted.append(c);
			}
		}
		return quoted.append('"').toString();
	}

	/**
	 * A request whose body, sent without a length, was read here within the limit: it is
	 * served from memory. Not a form (whose fields the container reads itself).
	 */
	private static final class ReadBody extends HttpServletRequestWrapper {

		private final byte[] body;

		ReadBody(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public int getContentLength() {
			return this.body.length;
		}

		@Override
		public long getContentLengthLong() {
			return this.body.length;
		}

		@Override
		public ServletInputStream getInputStream() {
			return new BytesInputStream(this.body);
		}

		@Override
		public BufferedReader getReader() {
			return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(this.body), charset()));
		}

		private Charset charset() {
			String encoding = getCharacterEncoding();
			try {
				return (encoding != null) ? Charset.forName(encoding) : StandardCharsets.UTF_8;
			}
			catch (IllegalArgumentException ex) {
				return StandardCharsets.UTF_8;
			}
		}

	}

	private static final class BytesInputStream extends ServletInputStream {

		private final ByteArrayInputStream bytes;

		BytesInputStream(byte[] body) {
			this.bytes = new ByteArrayInputStream(body);
		}

		@Override
		public int read() {
			return this.bytes.read();
		}

		@Override
		public int read(byte[] buffer, int offset, int length) {
			return this.bytes.read(buffer, offset, length);
		}

		@Override
		public boolean isFinished() {
			return this.bytes.available() == 0;
		}

		@Override
		public boolean isReady() {
			return true;
		}

		@Override
		public void setReadListener(ReadListener listener) {
			throw new UnsupportedOperationException("The body was already read");
		}

	}

}
