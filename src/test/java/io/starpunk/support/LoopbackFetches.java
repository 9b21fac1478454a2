package io.starpunk.support;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

import io.starpunk.http.Destinations;
import io.starpunk.http.HostLookup;
import io.starpunk.http.OutboundFetch;

/**
 * For tests only: an outbound fetcher that may also reach loopback addresses, where the
 * stand-in clients and IndieAuth servers run. Pass it to
 * {@link RunningServer#start(java.nio.file.Path, java.util.List, String...)}; production
 * has no way to allow it.
 */
@Configuration(proxyBeanMethods = false)
public class LoopbackFetches {

	/** Public addresses, and loopback. */
	public static final Destinations DESTINATIONS = (address) -> address.isLoopbackAddress()
			|| Destinations.publicOnly().permits(address);

	@Bean
	@Primary
	OutboundFetch loopbackOutboundFetch() {
		return fetcher();
	}

	/**
	 * A fetcher with the standard limits that may reach loopback.
	 * @return the fetcher
	 */
	public static OutboundFetch fetcher() {
		return new OutboundFetch(OutboundFetch.Limits.STANDARD, DESTINATIONS, HostLookup.system());
	}

}
