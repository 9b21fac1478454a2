package io.starpunk.rendered;

import jakarta.servlet.DispatcherType;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The rendered pages' filter, first of all filters but the request observation that times
 * it (Boot's, at {@code HIGHEST_PRECEDENCE + 1}), on requests only (not error pages).
 */
@Configuration(proxyBeanMethods = false)
class RenderedPagesConfiguration {

	@Bean
	FilterRegistrationBean<RenderedPageFilter> renderedPageFilter(RenderedPages pages) {
		FilterRegistrationBean<RenderedPageFilter> registration = new FilterRegistrationBean<>(
				new RenderedPageFilter(pages));
		registration.setName("renderedPages");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
		registration.setDispatcherTypes(DispatcherType.REQUEST);
		return registration;
	}

}
