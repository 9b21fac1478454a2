package io.starpunk.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SchemePortResolver;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.DefaultHttpClientConnectionOperator;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.io.HttpClientConnectionOperator;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.URIScheme;
import org.apache.hc.core5.http.config.RegistryBuilder;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * The one way this server fetches from other servers (a client's client_id page, the
 * owner's profile and IndieAuth server, an external token endpoint), with one policy:
 * <ul>
 * <li>http and https only;</li>
 * <li>a connect time cap and a total time cap for the whole fetch, redirects and body
 * included ({@link Limits});</li>
 * <li>a body size cap: cut or refused, as the caller asks, never above
 * {@link Limits#maxBytes()};</li>
 * <li>at most {@link Limits#maxRedirects()} redirects, followed here, each hop checked
 * again, never from https to http, and an {@code Authorization} header never carried to
 * another origin;</li>
 * <li>the address connected to checked by {@link Destinations} (public addresses only in
 * production): a host is looked up once and connected to only at the addresses that one
 * lookup gave, so a name that answers a public address to the check and a private one a
 * moment later gets nowhere.</li>
 * </ul>
 * No proxy settings, cookies, automatic retries, compression or connection reuse: each
 * fetch is one fresh connection a hop.
 */
public final class OutboundFetch implements AutoCloseable {

	private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

	private final Limits limits;

	private final HostLookup lookup;

	private final URI onlyOrigin;

	private final CloseableHttpClient client;

	private final ScheduledThreadPoolExecutor deadlines;

	private final List<OutboundFetch> derived = new CopyOnWriteArrayList<>();

	/**
	 * A fetcher.
	 * @param limits the time, size and redirect caps
	 * @param destinations which addresses it may connect to
	 * @param lookup how host names become addresses
	 */
	public OutboundFetch(Limits limits, Destinations destinations, HostLookup lookup) {
		this(limits, destinations, lookup, null);
	}

	private OutboundFetch(Limits limits, Destinations destinations, HostLookup lookup, URI onlyOrigin) {
		this.limits = limits;
		this.lookup = lookup;
		this.onlyOrigin = onlyOrigin;
		CheckedAddresses addresses = new CheckedAddresses(destinations, lookup);
		PoolingHttpClientConnectionManager connections = new CheckedConnections(addresses).setMaxConnTotal(32)
			.setMaxConnPerRoute(8)
			.setDefaultConnectionConfig(ConnectionConfig.custom()
				.setConnectTimeout(Timeout.of(limits.connectTimeout()))
				.setSocketTimeout(Timeout.of(limits.totalTimeout()))
				.build())
			.build();
		this.client = HttpClients.custom()
			.setConnectionManager(connections)
			.setConnectionReuseStrategy((request, response, context) -> false)
			.disableRedirectHandling()
			.disableAutomaticRetries()
			.disableCookieManagement()
			.disableAuthCaching()
			.disableContentCompression()
			.setUserAgent("StarPunk")
			.build();
		this.deadlines = new ScheduledThreadPoolExecutor(1, (task) -> {
			Thread thread = new Thread(task, "outbound-fetch-deadlines");
			thread.setDaemon(true);
			return thread;
		});
		this.deadlines.setRemoveOnCancelPolicy(true);
	}

	/**
	 * A fetcher with the same limits that reaches only {@code endpoint}'s origin, at
	 * whatever address its host has, private ones included: for an endpoint the operator
	 * configured (which may well run on their own network), never for a URL from outside.
	 * It is closed with this one.
	 * @param endpoint the configured URL
	 * @return the fetcher
	 */
	public OutboundFetch onlyTo(URI endpoint) {
		OutboundFetch trusted = new OutboundFetch(this.limits, Destinations.anyAddress(), this.lookup, endpoint);
		this.derived.add(trusted);
		return trusted;
	}

	public Limits limits() {
		return this.limits;
	}

	/**
	 * Sends a request and reads the answer, following redirects if it asks.
	 * @param request the request
	 * @return the answer (a redirect only when the request does not follow them)
	 * @throws FetchFailed when there is no answer within the policy; the reason says why
	 */
	public OutboundResponse send(OutboundRequest request) throws FetchFailed {
		long deadline = System.nanoTime() + this.limits.totalTimeout().toNanos();
		int cap = Math.min(request.maxBytes(), this.limits.maxBytes());
		URI url = request.url();
		Map<String, String> headers = new LinkedHashMap<>(request.headers());
		for (int redirects = 0;; redirects++) {
			check(url);
			boolean follow = request.followRedirects();
			OutboundResponse answer = exchange(request, url, headers, cap, follow, deadline);
			if (!follow || !REDIRECTS.contains(answer.status())) {
				return answer;
			}
			if (redirects >= this.limits.maxRedirects()) {
				throw new FetchFailed(FetchFailed.Reason.TOO_MANY_REDIRECTS,
						"More than " + this.limits.maxRedirects() + " redirects from " + request.url().getHost());
			}
			URI next = nextHop(url, answer.headers().firstValue("Location").orElse(null));
			if (!Origins.same(url, next)) {
				headers.keySet().removeIf((name) -> name.equalsIgnoreCase("Authorization"));
			}
			url = next;
		}
	}

	private void check(URI url) throws FetchFailed {
		String scheme = (url.getScheme() != null) ? url.getScheme().toLowerCase(Locale.ROOT) : "";
		if (!(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null
				|| url.getRawUserInfo() != null) {
			throw new FetchFailed(FetchFailed.Reason.NOT_ALLOWED_URL, "Not an http(s) URL with a host: " + url);
		}
		if (this.onlyOrigin != null && !Origins.same(this.onlyOrigin, url)) {
			throw new FetchFailed(FetchFailed.Reason.NOT_ALLOWED_URL,
					"Only " + this.onlyOrigin + " may be fetched here, not " + url.getHost());
		}
	}

	private OutboundResponse exchange(OutboundRequest request, URI url, Map<String, String> headers, int cap,
			boolean follow, long deadline) throws FetchFailed {
		long remaining = deadline - System.nanoTime();
		if (remaining <= 0) {
			throw timeout(url);
		}
		HttpUriRequestBase http = new HttpUriRequestBase(request.method(), url);
		headers.forEach(http::setHeader);
		if (request.body() != null) {
			http.setEntity(new ByteArrayEntity(request.body(), ContentType.parse(request.contentType())));
		}
		Timeout left = Timeout.of(Duration.ofNanos(remaining));
		http.setConfig(RequestConfig.custom().setConnectionRequestTimeout(left).setResponseTimeout(left).build());
		AtomicBoolean late = new AtomicBoolean();
		ScheduledFuture<?> cutOff = this.deadlines.schedule(() -> {
			late.set(true);
			http.cancel();
		}, remaining, TimeUnit.NANOSECONDS);
		ClassicHttpResponse response = null;
		try {
			response = this.client.executeOpen(null, http, null);
			int status = response.getCode();
			HttpHeaders answerHeaders = headers(response);
			byte[] body = new byte[0];
			boolean complete = true;
			HttpEntity entity = response.getEntity();
			if (entity != null && !(follow && REDIRECTS.contains(status))) {
				if (request.refuseLarger() && entity.getContentLength() > cap) {
					throw tooLarge(url, cap);
				}
				try (InputStream in = entity.getContent()) {
					byte[] read = in.readNBytes(cap + 1);
					complete = read.length <= cap;
					if (!complete && request.refuseLarger()) {
						throw tooLarge(url, cap);
					}
					body = complete ? read : Arrays.copyOf(read, cap);
					if (!complete) {
						http.cancel();
					}
				}
			}
			else if (entity != null) {
				http.cancel();
			}
			return new OutboundResponse(url, status, answerHeaders, body);
		}
		catch (FetchFailed ex) {
			http.cancel();
			throw ex;
		}
		catch (IOException ex) {
			throw failure(url, ex, late.get());
		}
		finally {
			cutOff.cancel(false);
			close(response);
		}
	}

	private FetchFailed failure(URI url, IOException ex, boolean late) {
		String host = url.getHost();
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof CheckedAddresses.Refused) {
				return new FetchFailed(FetchFailed.Reason.REFUSED_ADDRESS, cause.getMessage());
			}
		}
		if (late || ex instanceof SocketTimeoutException || ex instanceof ConnectTimeoutException) {
			return timeout(url);
		}
		if (ex instanceof UnknownHostException) {
			return new FetchFailed(FetchFailed.Reason.UNKNOWN_HOST, host + " has no address");
		}
		if (ex instanceof InterruptedIOException && Thread.currentThread().isInterrupted()) {
			return new FetchFailed(FetchFailed.Reason.INTERRUPTED, "Interrupted while fetching from " + host);
		}
		return new FetchFailed(FetchFailed.Reason.UNREACHABLE,
				host + " could not be reached (" + ex.getClass().getSimpleName() + ")");
	}

	private FetchFailed timeout(URI url) {
		return new FetchFailed(FetchFailed.Reason.TIMEOUT,
				url.getHost() + " did not answer within " + this.limits.totalTimeout().toMillis() + " ms");
	}

	private static FetchFailed tooLarge(URI url, int cap) {
		return new FetchFailed(FetchFailed.Reason.TOO_LARGE,
				"The answer from " + url.getHost() + " is larger than " + cap + " bytes");
	}

	private static void close(ClassicHttpResponse response) {
		if (response == null) {
			return;
		}
		try {
			response.close();
		}
		catch (IOException ex) {
			// the connection is gone either way
		}
	}

	private static HttpHeaders headers(ClassicHttpResponse response) {
		Map<String, List<String>> all = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		for (Header header : response.getHeaders()) {
			all.computeIfAbsent(header.getName(), (name) -> new ArrayList<>()).add(header.getValue());
		}
		return HttpHeaders.of(all, (name, value) -> true);
	}

	/**
	 * Where a redirect leads, if it may be followed: a URL (relative to the one that
	 * redirected) with a host, in http or https, and not from https down to http.
	 */
	static URI nextHop(URI from, String location) throws FetchFailed {
		if (location == null || location.isBlank()) {
			throw badRedirect(from, "without a Location");
		}
		URI next;
		try {
			next = from.resolve(location.strip());
		}
		catch (IllegalArgumentException ex) {
			throw badRedirect(from, "to an unreadable Location");
		}
		String scheme = (next.getScheme() != null) ? next.getScheme().toLowerCase(Locale.ROOT) : "";
		if (!(scheme.equals("http") || scheme.equals("https")) || next.getHost() == null) {
			throw badRedirect(from, "to something other than an http(s) URL");
		}
		if (from.getScheme().equalsIgnoreCase("https") && scheme.equals("http")) {
			throw badRedirect(from, "from https down to http");
		}
		return next;
	}

	private static FetchFailed badRedirect(URI from, String what) {
		return new FetchFailed(FetchFailed.Reason.BAD_REDIRECT, "A redirect " + what + " from " + from.getHost());
	}

	@Override
	public void close() {
		for (OutboundFetch other : this.derived) {
			other.close();
		}
		this.deadlines.shutdownNow();
		try {
			this.client.close();
		}
		catch (IOException ex) {
			// nothing is kept open past here
		}
	}

	/**
	 * The policy's caps.
	 *
	 * @param connectTimeout to connect to one address
	 * @param totalTimeout for the whole fetch: every hop, headers and body
	 * @param maxRedirects how many redirects are followed
	 * @param maxBytes the most any request may read of a body
	 */
	public record Limits(Duration connectTimeout, Duration totalTimeout, int maxRedirects, int maxBytes) {

		/** 3 s to connect, 5 s in all, 3 redirects, 1 MB. */
		public static final Limits STANDARD = new Limits(Duration.ofSeconds(3), Duration.ofSeconds(5), 3, 1024 * 1024);

		/**
		 * These limits with other time caps.
		 * @param connect to connect
		 * @param total in all
		 * @return the limits
		 */
		public Limits withTimeouts(Duration connect, Duration total) {
			return new Limits(connect, total, this.maxRedirects, this.maxBytes);
		}

	}

	/**
	 * The connection manager whose connections resolve through, and whose sockets connect
	 * only as, {@link CheckedAddresses} allows.
	 */
	private static final class CheckedConnections extends PoolingHttpClientConnectionManagerBuilder {

		private final CheckedAddresses addresses;

		CheckedConnections(CheckedAddresses addresses) {
			this.addresses = addresses;
			setDnsResolver(addresses);
		}

		@Override
		protected HttpClientConnectionOperator createConnectionOperator(SchemePortResolver ports, DnsResolver resolver,
				TlsSocketStrategy tls) {
			return new DefaultHttpClientConnectionOperator(this.addresses, ports, this.addresses,
					RegistryBuilder.<TlsSocketStrategy>create().register(URIScheme.HTTPS.id, tls).build());
		}

	}

}
