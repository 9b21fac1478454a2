package io.starpunk.indieauth;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import io.starpunk.http.Destinations;
import io.starpunk.http.HostLookup;
import io.starpunk.http.OutboundFetch;
import io.starpunk.support.LoopbackFetches;
import io.starpunk.support.MovableClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Client information fetched from a stand-in client on a loopback port, over real HTTP:
 * remembered for a while, and fetched once however many ask at the same time.
 */
class ClientInfoTests {

	private final OutboundFetch fetch = LoopbackFetches.fetcher();

	private final MovableClock clock = new MovableClock(Instant.now());

	private final ClientInfo clients = new ClientInfo(this.fetch, JsonMapper.builder().build(), this.clock);

	private final StandInClient standIn = new StandInClient();

	@AfterEach
	void stop() {
		this.standIn.close();
		this.fetch.close();
	}

	@Test
	void concurrentLookupsOfOneClientFetchItOnce() throws Exception {
		URI clientId = this.standIn.uri("/slow/");
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<ClientInfo.Client>> lookups = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				lookups.add(pool.submit(() -> {
					start.await();
					return this.clients.lookup(clientId);
				}));
			}
			start.countDown();
			for (Future<ClientInfo.Client> lookup : lookups) {
				assertThat(lookup.get(10, TimeUnit.SECONDS).name()).isEqualTo("Slow App");
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(this.standIn.asked("/slow/")).isEqualTo(1);
	}

	@Test
	void aClientIsRememberedTenMinutes() {
		URI clientId = this.standIn.uri("/app/");
		assertThat(this.clients.lookup(clientId).name()).isEqualTo("App");
		this.clock.move(ClientInfo.CACHED.minusSeconds(1));
		assertThat(this.clients.lookup(clientId).redirectUris()).containsExactly(clientId + "callback");
		assertThat(this.standIn.asked("/app/")).isEqualTo(1);
		this.clock.move(Duration.ofSeconds(2));
		assertThat(this.clients.lookup(clientId).name()).isEqualTo("App");
		assertThat(this.standIn.asked("/app/")).isEqualTo(2);
	}

	@Test
	void aClientThatCannotBeFetchedIsRememberedAMinute() {
		URI clientId = this.standIn.uri("/missing/");
		assertThat(this.clients.lookup(clientId).name()).isEqualTo(clientId.toString());
		this.clock.move(ClientInfo.FAILURE_CACHED.minusSeconds(1));
		assertThat(this.clients.lookup(clientId).redirectUris()).isEmpty();
		assertThat(this.standIn.asked("/missing/")).isEqualTo(1);
		this.clock.move(Duration.ofSeconds(2));
		this.clients.lookup(clientId);
		assertThat(this.standIn.asked("/missing/")).isEqualTo(2);
	}

	@Test
	void withProductionsPolicyALoopbackClientIsNotFetched() {
		try (OutboundFetch production = new OutboundFetch(OutboundFetch.Limits.STANDARD, Destinations.publicOnly(),
				HostLookup.system())) {
			ClientInfo strict = new ClientInfo(production, JsonMapper.builder().build(), this.clock);
			URI clientId = this.standIn.uri("/app/");
			assertThat(strict.lookup(clientId).name()).isEqualTo(clientId.toString());
			assertThat(strict.lookup(clientId).redirectUris()).isEmpty();
		}
		assertThat(this.standIn.asked("/app/")).isZero();
	}

	/**
	 * Client metadata documents on a loopback port: {@code /app/} at once, {@code /slow/}
	 * after half a second, anything else 404; each path's requests counted.
	 */
	private static final class StandInClient implements AutoCloseable {

		private final HttpServer server;

		private final ExecutorService executor = Executors.newCachedThreadPool();

		private final Map<String, AtomicInteger> asked = new ConcurrentHashMap<>();

		StandInClient() {
			try {
				this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
			this.server.createContext("/", this::answer);
			this.server.setExecutor(this.executor);
			this.server.start();
		}

		URI uri(String path) {
			return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort() + path);
		}

		int asked(String path) {
			AtomicInteger count = this.asked.get(path);
			return (count != null) ? count.get() : 0;
		}

		private void answer(HttpExchange exchange) throws IOException {
			try (exchange) {
				String path = exchange.getRequestURI().getPath();
				this.asked.computeIfAbsent(path, (key) -> new AtomicInteger()).incrementAndGet();
				String name = switch (path) {
					case "/app/" -> "App";
					case "/slow/" -> "Slow App";
					default -> null;
				};
				if (name == null) {
					exchange.sendResponseHeaders(404, -1);
					return;
				}
				if (path.equals("/slow/")) {
					Thread.sleep(500);
				}
				byte[] body = ("{\"client_id\":\"" + uri(path) + "\",\"client_name\":\"" + name
						+ "\",\"redirect_uris\":[\"" + uri(path) + "callback\"]}")
					.getBytes(StandardCharsets.UTF_8);
				exchange.getResponseHeaders().set("Content-Type", "application/json");
				exchange.sendResponseHeaders(200, body.length);
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(body);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

		@Override
		public void close() {
			this.server.stop(0);
			this.executor.shutdownNow();
		}

	}

}
