package io.starpunk.http;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.starpunk.config.StarpunkSettings;

/**
 * The one outbound fetcher: {@link OutboundFetch.Limits#STANDARD}, public addresses only
 * (unless {@code FETCH_ALLOW_PRIVATE=true}, for tests and intranets), the system's
 * resolver. An operator's own endpoint gets {@link OutboundFetch#onlyTo}.
 */
@Configuration(proxyBeanMethods = false)
class OutboundConfiguration {

	@Bean
	OutboundFetch outboundFetch(StarpunkSettings settings) {
		return new OutboundFetch(OutboundFetch.Limits.STANDARD, destinations(settings), HostLookup.system());
	}

	/**
	 * Public addresses only, or any address with {@code FETCH_ALLOW_PRIVATE=true}.
	 * @param settings the settings
	 * @return the destinations outbound fetches may connect to
	 */
	static Destinations destinations(StarpunkSettings settings) {
		return settings.conversations().fetchAllowPrivate() ? Destinations.anyAddress() : Destinations.publicOnly();
	}

}
