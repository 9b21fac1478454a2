package io.starpunk.rendered;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.web.filter.ServerHttpObservationFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Answers GET and HEAD requests for the public pages and feeds from their rendered bytes,
 * as the first filter: a current page is written as it is (gzip when the client takes it,
 * 304 when its copy is current), with no session, no parameters and no database. A
 * missing or stale page is rendered by the rest of the chain, as any request would be,
 * once for all the requests that want it at the same time, and kept. A render that fails
 * is not kept: the last good bytes answer instead, and the next request tries again.
 * <p>
 * It runs just after the request observation (which times every request for
 * {@code http.server.requests}), and tells that observation the path pattern the page was
 * rendered by, so that a page answered from memory is counted under its controller's
 * pattern ({@code /notes/{slug}}) as a rendered one is, never under its raw path.
 */
final class RenderedPageFilter implements Filter {

	/** How long a request waits for another request's render of the same page. */
	private static final long WAIT_SECONDS = 30;

	/** Headers of the rendering request's response that the page sets itself. */
	private static final Set<String> REPLACED = Set.of("etag", "last-modified", "content-length", "vary",
			"content-encoding", "transfer-encoding", "set-cookie", "content-type", "date");

	private final RenderedPages pages;

	/**
	 * Renders under way, by page and change, so that a page is rendered once at a time.
	 */
	private final ConcurrentHashMap<String, CompletableFuture<RenderedPage>> renders = new ConcurrentHashMap<>();

	RenderedPageFilter(RenderedPages pages) {
		this.pages = pages;
	}

	@Override
	public void doFilter(ServletRequest servletRequest, ServletResponse servletResponse, FilterChain chain)
			throws IOException, ServletException {
		HttpServletRequest request = (HttpServletRequest) servletRequest;
		HttpServletResponse response = (HttpServletResponse) servletResponse;
		String method = request.getMethod();
		boolean head = "HEAD".equals(method);
		String key = (head || "GET".equals(method))
				? RenderedPages.key(request.getRequestURI(), request.getQueryString()) : null;
		if (key == null) {
			chain.doFilter(request, response);
			return;
		}
		RenderedPage page = this.pages.current(key);
		if (page == null) {
			page = renderOnce(key, request, response, chain);
			if (page == null) {
				return;
			}
		}
		write(page, request, response, head);
	}

	/**
	 * The page rendered at the current change, by this request or by one already
	 * rendering it.
	 * @return the page, or {@code null} when the response was answered otherwise (a
	 * redirect, a 404, an error with no good bytes to fall back on)
	 */
	private RenderedPage renderOnce(String key, HttpServletRequest request, HttpServletResponse response,
			FilterChain chain) throws IOException, ServletException {
		long generation = this.pages.generation();
		String render = generation + " " + key;
		CompletableFuture<RenderedPage> mine = new CompletableFuture<>();
		CompletableFuture<RenderedPage> other = this.renders.putIfAbsent(render, mine);
		if (other != null) {
			RenderedPage rendered = await(other);
			return (rendered != null) ? rendered : render(key, generation, request, response, chain);
		}
		RenderedPage rendered = null;
		try {
			rendered = render(key, generation, request, response, chain);
			return rendered;
		}
		finally {
			mine.complete(rendered);
			this.renders.remove(render, mine);
		}
	}

	private static RenderedPage await(CompletableFuture<RenderedPage> render) {
		try {
			return render.get(WAIT_SECONDS, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
		catch (ExecutionException | TimeoutException ex) {
			return null;
		}
	}

	/**
	 * Renders a page through the rest of the chain as a plain GET (no conditions, no
	 * content coding), and keeps it when it is a page to keep.
	 */
	private RenderedPage render(String key, long generation, HttpServletRequest request, HttpServletResponse response,
			FilterChain chain) throws IOException, ServletException {
		Capture capture = new Capture(response);
		try {
			chain.doFilter(new PlainGet(request), capture);
		}
		catch (IOException | ServletException | RuntimeException ex) {
			RenderedPage stale = fallBack(key, response, ex.getClass().getSimpleName());
			if (stale == null) {
				throw ex;
			}
			return stale;
		}
		int status = capture.getStatus();
		if (status == HttpServletResponse.SC_OK && !response.isCommitted() && response.getContentType() != null
				&& !response.containsHeader("Set-Cookie")) {
			List<RenderedPage.Header> headers = kept(response);
			String lastModified = response.getHeader("Last-Modified");
			byte[] body = capture.getContentAsByteArray();
			response.reset();
			String pattern = ServerHttpObservationFilter.findObservationContext(request)
				.map(ServerRequestObservationContext::getPathPattern)
				.orElse(null);
			return this.pages.store(key, generation, body, headers, lastModified, pattern);
		}
		if (status >= 500) {
			RenderedPage stale = fallBack(key, response, "status " + status);
			if (stale != null) {
				return stale;
			}
		}
		if (capture.errorSent) {
			// now that no last good bytes answer it, the error page does
			capture.resetBuffer();
			response.sendError(status);
			return null;
		}
		capture.copyBodyToResponse();
		return null;
	}

	/** The last good bytes of a page whose render failed, if any, on a clean response. */
	private RenderedPage fallBack(String key, HttpServletResponse response, String reason) {
		RenderedPage stale = this.pages.lastGood(key);
		if (stale == null || response.isCommitted()) {
			return null;
		}
		this.pages.failed(key, reason);
		response.reset();
		return stale;
	}

	/** The rendered response's headers that belong to the page, its type first. */
	private static List<RenderedPage.Header> kept(HttpServletResponse response) {
		List<RenderedPage.Header> headers = new ArrayList<>();
		headers.add(new RenderedPage.Header("Content-Type", response.getContentType()));
		for (String name : response.getHeaderNames()) {
			if (!REPLACED.contains(name.toLowerCase(Locale.ROOT))) {
				for (String value : response.getHeaders(name)) {
					headers.add(new RenderedPage.Header(name, value));
				}
			}
		}
		return headers;
	}

	private static void write(RenderedPage page, HttpServletRequest request, HttpServletResponse response, boolean head)
			throws IOException {
		if (page.pattern() != null) {
			ServerHttpObservationFilter.findObservationContext(request)
				.ifPresent((observation) -> observation.setPathPattern(page.pattern()));
		}
		boolean gzip = page.gzipped() != null && acceptsGzip(request.getHeader("Accept-Encoding"));
		for (RenderedPage.Header header : page.headers()) {
			response.addHeader(header.name(), header.value());
		}
		response.setHeader("Vary", "Accept-Encoding");
		response.setHeader("ETag", gzip ? page.gzipEtag() : page.etag());
		response.setHeader("Last-Modified", page.lastModified());
		if (notModified(page, request)) {
			response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
			return;
		}
		byte[] bytes = gzip ? page.gzipped() : page.body();
		if (gzip) {
			response.setHeader("Content-Encoding", "gzip");
		}
		response.setContentLength(bytes.length);
		if (!head) {
			response.getOutputStream().write(bytes);
		}
	}

	/**
	 * Whether the client's copy is current: any of its {@code If-None-Match} tags is the
	 * page's in either coding (weak comparison, as for GET), or else its
	 * {@code If-Modified-Since} is not before the page's Last-Modified.
	 */
	static boolean notModified(RenderedPage page, HttpServletRequest request) {
		String tags = request.getHeader("If-None-Match");
		if (tags != null) {
			return tags.trim().equals("*") || tags.contains(page.etag()) || tags.contains(page.gzipEtag());
		}
		long since;
		try {
			since = request.getDateHeader("If-Modified-Since");
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
		return since >= 0 && page.lastModifiedSeconds() * 1000 <= since;
	}

	/**
	 * Whether an {@code Accept-Encoding} takes gzip: named (or {@code x-gzip}) with a
	 * weight above 0, or not named and {@code *} above 0.
	 */
	static boolean acceptsGzip(String acceptEncoding) {
		if (acceptEncoding == null) {
			return false;
		}
		boolean any = false;
		for (String coding : acceptEncoding.split(",")) {
			int semicolon = coding.indexOf(';');
			String name = ((semicolon < 0) ? coding : coding.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
			boolean wanted = semicolon < 0 || weight(coding.substring(semicolon + 1)) > 0;
			if (name.equals("gzip") || name.equals("x-gzip")) {
				return wanted;
			}
			if (name.equals("*")) {
				any = wanted;
			}
		}
		return any;
	}

	/**
	 * The {@code q} of an Accept-Encoding member's parameters; 1 when absent, 0 when
	 * unreadable.
	 */
	private static double weight(String parameters) {
		for (String parameter : parameters.split(";")) {
			String trimmed = parameter.trim();
			if (trimmed.startsWith("q=") || trimmed.startsWith("Q=")) {
				try {
					return Double.parseDouble(trimmed.substring(2).trim());
				}
				catch (NumberFormatException ex) {
					return 0;
				}
			}
		}
		return 1;
	}

	/**
	 * The rendering request's response, its body kept here. An error the renderer sends
	 * ({@code sendError}, such as a 503 for a database that does not answer) is held here
	 * too, as a status, so that the last good bytes can still answer instead; it is sent
	 * on only when they cannot.
	 */
	private static final class Capture extends ContentCachingResponseWrapper {

		private boolean errorSent;

		Capture(HttpServletResponse response) {
			super(response);
		}

		@Override
		public void sendError(int status) {
			sendError(status, null);
		}

		@Override
		public void sendError(int status, String message) {
			resetBuffer();
			setStatus(status);
			this.errorSent = true;
		}

	}

	/**
	 * The request as a plain GET for the renderer: a HEAD is rendered as a GET (the bytes
	 * are kept for both), and conditions, ranges and content codings are answered here,
	 * not by the renderer.
	 */
	private static final class PlainGet extends HttpServletRequestWrapper {

		private static final Set<String> HIDDEN = Set.of("if-none-match", "if-modified-since", "if-match",
				"if-unmodified-since", "if-range", "range", "accept-encoding");

		PlainGet(HttpServletRequest request) {
			super(request);
		}

		@Override
		public String getMethod() {
			return "GET";
		}

		@Override
		public String getHeader(String name) {
			return hidden(name) ? null : super.getHeader(name);
		}

		@Override
		public Enumeration<String> getHeaders(String name) {
			return hidden(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
		}

		@Override
		public long getDateHeader(String name) {
			return hidden(name) ? -1 : super.getDateHeader(name);
		}

		@Override
		public int getIntHeader(String name) {
			return hidden(name) ? -1 : super.getIntHeader(name);
		}

		@Override
		public Enumeration<String> getHeaderNames() {
			List<String> names = new ArrayList<>();
			for (String name : Collections.list(super.getHeaderNames())) {
				if (!hidden(name)) {
					names.add(name);
				}
			}
			return Collections.enumeration(names);
		}

		private static boolean hidden(String name) {
			return HIDDEN.contains(name.toLowerCase(Locale.ROOT));
		}

	}

}
