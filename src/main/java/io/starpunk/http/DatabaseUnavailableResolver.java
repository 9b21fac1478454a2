package io.starpunk.http;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * The one place where a database that does not answer becomes a 503 with
 * {@code Retry-After}, for every controller whose own error handling did not answer it
 * first (Micropub and the owner's editor answer it in their own words): after every other
 * resolver, it sends the error to the site's error page, which speaks each endpoint's
 * language (an HTML page, a feed's plain text, a protocol's JSON). Anything else is left
 * as it was, a 500. The failure is logged as one line, without its stack.
 */
@Component
class DatabaseUnavailableResolver implements HandlerExceptionResolver, Ordered {

	private static final Log log = LogFactory.getLog(DatabaseUnavailableResolver.class);

	@Override
	public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
			Exception ex) {
		if (!DatabaseUnavailable.causedBy(ex) || response.isCommitted()) {
			return null;
		}
		log.warn("The database did not answer " + request.getMethod() + " " + request.getRequestURI() + " ("
				+ ex.getClass().getSimpleName() + "); answered 503");
		try {
			response.setHeader(HttpHeaders.RETRY_AFTER, Integer.toString(DatabaseUnavailable.RETRY_AFTER_SECONDS));
			response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
		}
		catch (IOException failure) {
			return null;
		}
		return new ModelAndView();
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
