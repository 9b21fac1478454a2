package io.starpunk.indieauth;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Turns on scheduling for the hourly clean-up of expired codes and tokens
 * ({@link TokenCleanup}).
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class IndieAuthConfiguration {

}
