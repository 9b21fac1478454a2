package io.starpunk.http;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one outbound fetcher: {@link OutboundFetch.Limits#STANDARD}, public addresses only,
 * the system's resolver. There is no setting that lets it reach private addresses; an
 * operator's own endpoint gets {@link OutboundFetch#onlyTo}.
 */
@Configuration(proxyBeanMethods = false)
class OutboundConfiguration {

	@Bean
	OutboundFetch outboundFetch() {
		return new OutboundFetch(OutboundFetch.Limits.STANDARD, Destinations.publicOnly(), HostLookup.system());
	}

}
