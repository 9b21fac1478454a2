package io.starpunk.http;

import java.io.IOException;
import java.util.Locale;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.tomcat.util.http.InvalidParameterException;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Query strings and form bodies that cannot be decoded (a bad {@code %} escape, bytes
 * that are not UTF-8) are refused here with 400. Left to the container, the first
 * {@code getParameter} (Spring Security's sign-in filter, a controller) throws, and the
 * failure is logged with the field's value, which may be a password or a token. A form
 * sent without a length (chunked) that the container stopped reading at its limit is
 * refused here too, with 413.
 */
final class MalformedParameters extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String type = request.getContentType();
		boolean multipart = type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/");
		if (!multipart) {
			try {
				request.getParameterMap();
			}
			catch (IllegalStateException | IllegalArgumentException ex) {
				refuse(request, response, ex);
				return;
			}
		}
		chain.doFilter(request, response);
	}

	private static void refuse(HttpServletRequest request, HttpServletResponse response, RuntimeException failure)
			throws IOException {
		if (failure instanceof InvalidParameterException invalid
				&& invalid.getErrorCode() == HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE) {
			// a form sent without a length, which the container stopped reading at
			// server.tomcat.max-http-form-post-size
			RequestSizeLimit.refuse(request, response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
					"The request body is larger than " + RequestSizeLimit.DEFAULT_LIMIT + " bytes");
		}
		else {
			RequestSizeLimit.refuse(request, response, HttpServletResponse.SC_BAD_REQUEST,
					"The query or form fields could not be decoded; send them percent-encoded UTF-8");
		}
	}

}
