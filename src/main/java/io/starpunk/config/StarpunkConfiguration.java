package io.starpunk.config;

import java.security.SecureRandom;
import java.time.Clock;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The settings record, and the clock and random source every other package is given
 * instead of reaching for {@code Instant.now()} or {@code new SecureRandom()}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StarpunkSettings.class)
public class StarpunkConfiguration {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	SecureRandom secureRandom() {
		return new SecureRandom();
	}

}
