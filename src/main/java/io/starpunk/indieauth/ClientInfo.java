package io.starpunk.indieauth;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

import io.starpunk.config.ClockTicker;
import io.starpunk.http.FetchFailed;
import io.starpunk.http.OutboundFetch;
import io.starpunk.http.OutboundRequest;
import io.starpunk.http.OutboundResponse;

/**
 * What a client says about itself at its {@code client_id} URL: a JSON client metadata
 * document, or an HTML page with an {@code h-app} and {@code rel=redirect_uri} links.
 * Fetched by the one {@link OutboundFetch} (its time caps, redirect limit and refusal of
 * any address that is not public, loopback included: the IndieAuth spec says a loopback
 * client_id is not fetched), at most 256 KB read, and kept 10 minutes (a failure 1
 * minute) in a cache of at most {@link #CACHE_BYTES}; concurrent lookups of one client_id
 * wait for a single fetch. A client that cannot be fetched is not an error: it is shown
 * by its client_id and lists no redirect URLs.
 */
@Component
class ClientInfo implements MeterBinder {

	static final int MAX_BYTES = 256 * 1024;

	static final Duration CACHED = Duration.ofMinutes(10);

	static final Duration FAILURE_CACHED = Duration.ofMinutes(1);

	/** A few hundred clients, or fewer that list very many redirect URLs. */
	static final long CACHE_BYTES = 2L * 1024 * 1024;

	private static final Log log = LogFactory.getLog(ClientInfo.class);

	private final OutboundFetch fetch;

	private final ClientDocuments documents;

	private final Cache<String, Lookup> cache;

	ClientInfo(OutboundFetch fetch, JsonMapper json, Clock clock) {
		this.fetch = fetch;
		this.documents = new ClientDocuments(json);
		this.cache = Caffeine.newBuilder()
			.expireAfter(new LookupExpiry())
			.maximumWeight(CACHE_BYTES)
			.weigher(ClientInfo::weight)
			.ticker(new ClockTicker(clock))
			.recordStats()
			.build();
	}

	/**
	 * What the client says about itself, from the cache or its client_id URL.
	 * @param clientId a client_id that {@link ClientIds#parse} accepted
	 * @return the client; its client_id as name and no redirect URLs when it could not be
	 * fetched
	 */
	Client lookup(URI clientId) {
		return this.cache.get(clientId.toString(), (key) -> load(clientId)).client();
	}

	private Lookup load(URI clientId) {
		Optional<Client> fetched = fetch(clientId).flatMap((page) -> this.documents.read(clientId, page));
		if (fetched.isEmpty()) {
			log.info("Could not read client information at " + clientId + "; it is shown by its client_id");
		}
		return new Lookup(fetched.orElseGet(() -> Client.unknown(clientId)), fetched.isPresent());
	}

	private Optional<Page> fetch(URI clientId) {
		OutboundRequest request = OutboundRequest.get(clientId)
			.header("Accept", "application/json, text/html;q=0.9, */*;q=0.1")
			.header("User-Agent", "StarPunk IndieAuth (client information)")
			.truncatedAt(MAX_BYTES);
		try {
			OutboundResponse answer = this.fetch.send(request);
			if (answer.status() != 200) {
				return Optional.empty();
			}
			return Optional.of(new Page(answer.url(), answer.headers(), answer.body()));
		}
		catch (FetchFailed ex) {
			log.info("Client information at " + clientId + " could not be fetched: " + ex.getMessage());
			return Optional.empty();
		}
	}

	/**
	 * A client as the consent page shows it.
	 *
	 * @param clientId its client_id
	 * @param name its name, or its client_id
	 * @param url its home page (http or https), or its client_id
	 * @param logo its logo (http or https), or {@code null}
	 * @param redirectUris the redirect URLs it lists
	 */
	record Client(URI clientId, String name, String url, String logo, List<String> redirectUris) {

		static Client unknown(URI clientId) {
			return new Client(clientId, clientId.toString(), clientId.toString(), null, List.of());
		}

	}

	/** A fetched client_id page: where it ended up, its headers and (capped) body. */
	record Page(URI url, HttpHeaders headers, byte[] body) {
	}

	/**
	 * Two bytes a character of the client_id and what the client says, and the objects.
	 */
	private static int weight(String clientId, Lookup lookup) {
		Client client = lookup.client();
		long chars = clientId.length() + client.name().length() + client.url().length()
				+ ((client.logo() != null) ? client.logo().length() : 0);
		long uris = client.redirectUris().stream().mapToLong((uri) -> 2L * uri.length() + 48).sum();
		return (int) Math.min(Integer.MAX_VALUE, 2 * chars + uris + 256);
	}

	/**
	 * A client looked up.
	 *
	 * @param client the client
	 * @param fetched whether its page could be read
	 */
	private record Lookup(Client client, boolean fetched) {
	}

	/**
	 * A fetched client is kept {@link #CACHED}, one that could not be
	 * {@link #FAILURE_CACHED}.
	 */
	private static final class LookupExpiry implements Expiry<String, Lookup> {

		@Override
		public long expireAfterCreate(String clientId, Lookup lookup, long currentTime) {
			return (lookup.fetched() ? CACHED : FAILURE_CACHED).toNanos();
		}

		@Override
		public long expireAfterUpdate(String clientId, Lookup lookup, long currentTime, long currentDuration) {
			return expireAfterCreate(clientId, lookup, currentTime);
		}

		@Override
		public long expireAfterRead(String clientId, Lookup lookup, long currentTime, long currentDuration) {
			return currentDuration;
		}

	}

	/**
	 * Its hits, misses, evictions and size, as the {@code cache.*} meters tagged
	 * {@code cache=client_info}.
	 */
	@Override
	public void bindTo(MeterRegistry registry) {
		CaffeineCacheMetrics.monitor(registry, this.cache, "client_info");
	}

}
