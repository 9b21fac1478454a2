package io.starpunk.http;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;

import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The largest body any request may carry, checked before Spring Security or anything else
 * reads it: multipart uploads to {@code /micropub}, {@code /micropub/media} and the
 * owner's editor ({@code /admin/new}, {@code /admin/edit/{id}}) may carry four files of
 * {@code MEDIA_MAX_BYTES} and 1 MB besides; every other request 1 MB (notes are text).
 * The editor's form, refused, is sent back to the editor (303, {@code ?too-large}), which
 * says why; nothing of its body was read.
 * <p>
 * A {@code Content-Length} above the limit is refused with 413 at once, unread. A body
 * without one (chunked) is read here, through a count that stops one byte past the limit:
 * a non-multipart body is kept in memory (at most the 1 MB limit) and handed on from
 * there, form fields included, so that nothing downstream ever sees a partial body and
 * the refusal is always this filter's 413; a chunked multipart body is parsed by the
 * container (within the multipart limits) and refused when its parts add up to more than
 * the limit.
 */
final class RequestSizeLimit extends OncePerRequestFilter {

	/** The limit of every request but multipart uploads to Micropub. */
	static final long DEFAULT_LIMIT = DataSize.ofMegabytes(1).toBytes();

	private static final List<String> CLIENT_ENDPOINTS = List.of("/auth/token", "/auth/introspect", "/auth/revoke",
			"/auth/userinfo", "/api");

	/** The owner's editor of an existing note, whose form may carry photos. */
	private static final Pattern EDITOR = Pattern.compile("/admin/edit/[0-9]{1,18}");

	/** Where Tomcat says why it could not parse a request's parameters or parts. */
	private static final String PARSE_FAILED_REASON = "org.apache.catalina.parameter_parse_failed_reason";

	private final long uploadLimit;

	RequestSizeLimit(DataSize mediaMaxBytes) {
		this.uploadLimit = 4 * mediaMaxBytes.toBytes() + DEFAULT_LIMIT;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		boolean multipart = isMultipart(request);
		String path = path(request);
		long limit = (multipart && (path.equals("/micropub") || path.equals("/micropub/media") || isEditor(path)))
				? this.uploadLimit : DEFAULT_LIMIT;
		long length = request.getContentLengthLong();
		if (length > limit) {
			refuse(request, response, limit);
			return;
		}
		if (length >= 0 || request.getHeader("Transfer-Encoding") == null) {
			// the container reads no more than the Content-Length it was given
			chain.doFilter(request, response);
			return;
		}
		if (multipart) {
			if (partsExceed(request, limit)) {
				refuse(request, response, limit);
				return;
			}
			chain.doFilter(request, response);
			return;
		}
		byte[] body = readAtMost(request.getInputStream(), limit);
		if (body == null) {
			refuse(request, response, limit);
			return;
		}
		chain.doFilter(new BufferedBody(request, body), response);
	}

	private static String path(HttpServletRequest request) {
		String uri = request.getRequestURI();
		String context = request.getContextPath();
		return (context != null && !context.isEmpty() && uri.startsWith(context)) ? uri.substring(context.length())
				: uri;
	}

	/** The owner's note editor, whose form may carry photos. */
	private static boolean isEditor(String path) {
		return path.equals("/admin/new") || EDITOR.matcher(path).matches();
	}

	private static boolean isMultipart(HttpServletRequest request) {
		String type = request.getContentType();
		return type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/");
	}

	/** The body, or {@code null} when it has more than {@code limit} bytes. */
	private static byte[] readAtMost(InputStream in, long limit) throws IOException {
		byte[] bytes = in.readNBytes((int) limit + 1);
		return (bytes.length > limit) ? null : bytes;
	}

	/**
	 * Whether a chunked multipart body is too large: the container parses it now (the
	 * same parse the dispatcher would ask for), and either fails for its size or yields
	 * parts that add up to more than the limit. Any other failure is left for the
	 * dispatcher to report as it always does.
	 */
	private static boolean partsExceed(HttpServletRequest request, long limit) {
		long total = 0;
		try {
			if (request.getCharacterEncoding() == null) {
				// as the character encoding filter, which runs after this one, would
				request.setCharacterEncoding(StandardCharsets.UTF_8.name());
			}
			for (Part part : request.getParts()) {
				total += part.getSize();
			}
		}
		catch (IOException | ServletException | RuntimeException ex) {
			return tooLarge(request, ex);
		}
		return total > limit;
	}

	private static boolean tooLarge(HttpServletRequest request, Throwable failure) {
		if ("POST_TOO_LARGE".equals(String.valueOf(request.getAttribute(PARSE_FAILED_REASON)))) {
			return true;
		}
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			String name = cause.getClass().getSimpleName();
			if (name.contains("SizeLimitExceeded") || name.contains("SizeException")) {
				return true;
			}
		}
		return false;
	}

	private static void refuse(HttpServletRequest request, HttpServletResponse response, long limit)
			throws IOException {
		String path = path(request);
		if (isEditor(path) && "POST".equalsIgnoreCase(request.getMethod()) && !response.isCommitted()) {
			// the owner's editor, in a browser: back to the editor, which says why
			response.reset();
			response.setStatus(HttpServletResponse.SC_SEE_OTHER);
			response.setHeader("Location", request.getContextPath() + path + "?too-large");
			response.setHeader("Connection", "close");
			response.setHeader("Cache-Control", "no-store");
			response.setContentLength(0);
			response.flushBuffer();
			return;
		}
		refuse(request, response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
				"The request body is larger than " + limit + " bytes");
	}

	/**
	 * Refuses a request before any controller sees it: JSON
	 * {@code {"error":"invalid_request"}} for the endpoints apps call, plain text for the
	 * rest, and the connection closed, since the body may be left unread.
	 */
	static void refuse(HttpServletRequest request, HttpServletResponse response, int status, String description)
			throws IOException {
		if (response.isCommitted()) {
			return;
		}
		response.reset();
		response.setStatus(status);
		response.setHeader("Connection", "close");
		response.setHeader("Cache-Control", "no-store");
		byte[] body;
		if (isClientEndpoint(request)) {
			response.setContentType("application/json");
			body = ("{\"error\":\"invalid_request\",\"error_description\":\"" + description + "\"}")
				.getBytes(StandardCharsets.UTF_8);
		}
		else {
			response.setContentType("text/plain;charset=UTF-8");
			body = (description + ".\n").getBytes(StandardCharsets.UTF_8);
		}
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
		response.flushBuffer();
	}

	private static boolean isClientEndpoint(HttpServletRequest request) {
		String path = path(request);
		if (path.equals("/micropub") || path.startsWith("/micropub/")) {
			return true;
		}
		if (path.equals("/auth/authorize")) {
			return "POST".equalsIgnoreCase(request.getMethod());
		}
		return CLIENT_ENDPOINTS.stream()
			.anyMatch((endpoint) -> path.equals(endpoint) || path.startsWith(endpoint + "/"));
	}

	/**
	 * A request whose body was read here: it is served from memory, and a form's fields
	 * are read from it (the container's own parser would find its stream already read).
	 */
	private static final class BufferedBody extends HttpServletRequestWrapper {

		private final byte[] body;

		private Map<String, String[]> parameters;

		BufferedBody(HttpServletRequest request, byte[] body) {
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

		@Override
		public String getParameter(String name) {
			String[] values = parameters().get(name);
			return (values != null && values.length > 0) ? values[0] : null;
		}

		@Override
		public Map<String, String[]> getParameterMap() {
			return parameters();
		}

		@Override
		public Enumeration<String> getParameterNames() {
			return Collections.enumeration(parameters().keySet());
		}

		@Override
		public String[] getParameterValues(String name) {
			String[] values = parameters().get(name);
			return (values != null) ? values.clone() : null;
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

		private synchronized Map<String, String[]> parameters() {
			if (this.parameters != null) {
				return this.parameters;
			}
			// the query's fields first, then the form's, as the container orders them
			Map<String, List<String>> fields = new LinkedHashMap<>();
			super.getParameterMap().forEach((name, values) -> fields.put(name, new ArrayList<>(List.of(values))));
			String type = getContentType();
			if ("POST".equalsIgnoreCase(getMethod()) && type != null
					&& type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
				// a malformed escape throws, as the container's parser does, and the
				// malformed-parameters filter refuses the request
				FormFields.parse(new String(this.body, charset()), charset())
					.forEach((name, values) -> fields.computeIfAbsent(name, (key) -> new ArrayList<>()).addAll(values));
			}
			Map<String, String[]> result = new LinkedHashMap<>();
			fields.forEach((name, values) -> result.put(name, values.toArray(String[]::new)));
			this.parameters = Collections.unmodifiableMap(result);
			return this.parameters;
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
