package io.starpunk.indieauth;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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
import io.starpunk.http.CappedBody;

/**
 * What a client says about itself at its {@code client_id} URL: a JSON client metadata
 * document, or an HTML page with an {@code h-app} and {@code rel=redirect_uri} links.
 * Fetched with tight timeouts (3 s to connect, 5 s in all), at most 256 KB read, up to 3
 * redirects followed by hand (same scheme, never to a private, loopback or link-local
 * address unless the client_id itself is on loopback), and kept 10 minutes (a failure 1
 * minute) in a cache of at most {@link #CACHE_BYTES}; concurrent lookups of one client_id
 * wait for a single fetch. A client that cannot be fetched is not an error: it is shown
 * by its client_id and lists no redirect URLs.
 */
@Component
class ClientInfo implements MeterBinder {

	static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);

	static final Duration TOTAL_TIMEOUT = Duration.ofSeconds(5);

	static final int MAX_BYTES = 256 * 1024;

	static final int MAX_REDIRECTS = 3;

	static final Duration CACHED = Duration.ofMinutes(10);

	static final Duration FAILURE_CACHED = Duration.ofMinutes(1);

	/** A few hundred clients, or fewer that list very many redirect URLs. */
	static final long CACHE_BYTES = 2L * 1024 * 1024;

	private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

	private static final Log log = LogFactory.getLog(ClientInfo.class);

	private final HttpClient http = HttpClient.newBuilder()
		.connectTimeout(CONNECT_TIMEOUT)
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	private final ClientDocuments documents;

	private final Cache<String, Lookup> cache;

	ClientInfo(JsonMapper json, Clock clock) {
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
		boolean loopbackClient = ClientIds.isLoopbackHost(clientId.getHost());
		long deadline = System.nanoTime() + TOTAL_TIMEOUT.toNanos();
		URI url = clientId;
		for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
			if (!isPublic(url.getHost(), loopbackClient)) {
				return Optional.empty();
			}
			long remaining = deadline - System.nanoTime();
			if (remaining <= 0) {
				return Optional.empty();
			}
			URI current = url;
			HttpRequest request = HttpRequest.newBuilder(url)
				.timeout(Duration.ofNanos(remaining))
				.header("Accept", "application/json, text/html;q=0.9, */*;q=0.1")
				.header("User-Agent", "StarPunk IndieAuth (client information)")
				.GET()
				.build();
			CompletableFuture<HttpResponse<byte[]>> response = this.http.sendAsync(request,
					(info) -> CappedBody.truncated(MAX_BYTES));
			HttpResponse<byte[]> answer;
			try {
				answer = response.get(remaining, TimeUnit.NANOSECONDS);
			}
			catch (TimeoutException | ExecutionException ex) {
				response.cancel(true);
				return Optional.empty();
			}
			catch (InterruptedException ex) {
				response.cancel(true);
				Thread.currentThread().interrupt();
				return Optional.empty();
			}
			if (REDIRECTS.contains(answer.statusCode())) {
				Optional<URI> next = answer.headers().firstValue("Location").flatMap((to) -> nextHop(current, to));
				if (next.isEmpty()) {
					return Optional.empty();
				}
				url = next.get();
				continue;
			}
			if (answer.statusCode() != 200) {
				return Optional.empty();
			}
			return Optional.of(new Page(url, answer.headers(), answer.body()));
		}
		return Optional.empty();
	}

	/**
	 * Where a redirect leads, if it may be followed: an absolute or relative URL with a
	 * host, in the same scheme.
	 */
	static Optional<URI> nextHop(URI from, String location) {
		URI next;
		try {
			next = from.resolve(location.strip());
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
		if (next.getScheme() == null || !next.getScheme().equalsIgnoreCase(from.getScheme())
				|| next.getHost() == null) {
			return Optional.empty();
		}
		return Optional.of(next);
	}

	/**
	 * Whether every address of a host is one a stranger's URL may make us call: not
	 * private, link-local, multicast or unspecified, and not loopback unless the client
	 * itself is on loopback.
	 */
	static boolean isPublic(String host, boolean loopbackAllowed) {
		InetAddress[] addresses;
		try {
			addresses = InetAddress.getAllByName(host);
		}
		catch (UnknownHostException | SecurityException ex) {
			return false;
		}
		for (InetAddress address : addresses) {
			if (address.isLoopbackAddress()) {
				if (!loopbackAllowed) {
					return false;
				}
				continue;
			}
			byte[] bytes = address.getAddress();
			boolean uniqueLocal = bytes.length == 16 && (bytes[0] & 0xfe) == 0xfc;
			boolean sharedAddressSpace = bytes.length == 4 && (bytes[0] & 0xff) == 100 && (bytes[1] & 0xc0) == 64;
			if (address.isAnyLocalAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
					|| address.isMulticastAddress() || uniqueLocal || sharedAddressSpace) {
				return false;
			}
		}
		return addresses.length > 0;
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
