package io.starpunk.http;

import java.time.Duration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import io.starpunk.config.StarpunkSettings;

/**
 * The fetch helper for the IndieWeb conversation (webmention sources and endpoints, reply
 * contexts, WebSub hubs, syndication targets): {@link OutboundFetch}'s policy with
 * {@link #LIMITS} (10 s in all, 5 redirects, 1 MB read at most), connecting to public
 * addresses only unless {@code FETCH_ALLOW_PRIVATE=true}. A test may give a
 * {@link HostLookup} bean (a name that answers a public address, then a private one).
 */
@Component
public class ConversationFetch implements AutoCloseable {

	/** 3 s to connect, 10 s in all, at most 5 redirects, at most 1 MB read. */
	public static final OutboundFetch.Limits LIMITS = new OutboundFetch.Limits(Duration.ofSeconds(3),
			Duration.ofSeconds(10), 5, 1024 * 1024);

	private final OutboundFetch fetch;

	ConversationFetch(StarpunkSettings settings, ObjectProvider<HostLookup> lookup) {
		this.fetch = new OutboundFetch(LIMITS, OutboundConfiguration.destinations(settings),
				lookup.getIfAvailable(HostLookup::system));
	}

	/**
	 * The fetcher.
	 * @return the fetcher
	 */
	public OutboundFetch fetch() {
		return this.fetch;
	}

	@Override
	public void close() {
		this.fetch.close();
	}

}
