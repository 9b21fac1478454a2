package io.starpunk.config;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The request body limit, as the very first filter: before Spring Security, the character
 * encoding filter or anything else can read a body.
 */
@Configuration(proxyBeanMethods = false)
class RequestLimitsConfiguration {

	@Bean
	FilterRegistrationBean<RequestSizeLimit> requestSizeLimit(StarpunkSettings settings) {
		FilterRegistrationBean<RequestSizeLimit> registration = new FilterRegistrationBean<>(
				new RequestSizeLimit(settings.micropub().mediaMaxBytes()));
		registration.setName("requestSizeLimit");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

}
