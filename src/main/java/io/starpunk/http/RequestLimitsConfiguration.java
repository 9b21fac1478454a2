package io.starpunk.http;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

import io.starpunk.config.StarpunkSettings;

/**
 * The request body limit, first after the rendered pages (which answer only GET and HEAD
 * and read no body): before Spring Security, the character encoding filter or anything
 * else can read a body; then undecodable fields.
 */
@Configuration(proxyBeanMethods = false)
class RequestLimitsConfiguration {

	@Bean
	FilterRegistrationBean<RequestSizeLimit> requestSizeLimit(StarpunkSettings settings,
			ObjectProvider<UploadGate> gates) {
		FilterRegistrationBean<RequestSizeLimit> registration = new FilterRegistrationBean<>(
				new RequestSizeLimit(settings.micropub().mediaMaxBytes(), gates.orderedStream().toList()));
		registration.setName("requestSizeLimit");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
		return registration;
	}

	/**
	 * After the character encoding filter (so fields are read as UTF-8) and before Spring
	 * Security (whose sign-in filter reads the password field).
	 */
	@Bean
	FilterRegistrationBean<MalformedParameters> malformedParameters() {
		FilterRegistrationBean<MalformedParameters> registration = new FilterRegistrationBean<>(
				new MalformedParameters());
		registration.setName("malformedParameters");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		return registration;
	}

}
