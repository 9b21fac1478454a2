package io.starpunk.webmention;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for the sites that send webmentions: a JDK HTTP server on 127.0.0.1 whose
 * pages a test sets and changes, and which can misbehave on purpose (a body that streams
 * for a gigabyte, an answer that never ends, a redirect loop). It counts the requests it
 * gets and the bytes it wrote.
 */
final class SourceSite implements AutoCloseable {

	private final HttpServer server;

	private final Map<String, Page> pages = new ConcurrentHashMap<>();

	private final AtomicInteger requests = new AtomicInteger();

	private final AtomicLong written = new AtomicLong();

	private SourceSite(HttpServer server) {
		this.server = server;
		server.createContext("/", this::answer);
		server.setExecutor(Executors.newCachedThreadPool((task) -> {
			Thread thread = new Thread(task, "source-site");
			thread.setDaemon(true);
			return thread;
		}));
		server.start();
	}

	static SourceSite start() {
		try {
			return new SourceSite(HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 100));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	int port() {
		return this.server.getAddress().getPort();
	}

	/** A URL of this site under a host name (which a test's lookup sends here). */
	String url(String host, String path) {
		return "http://" + host + ":" + port() + path;
	}

	SourceSite html(String path, String html) {
		this.pages.put(path, (exchange) -> send(exchange, 200, "text/html; charset=utf-8", html));
		return this;
	}

	SourceSite status(String path, int status) {
		this.pages.put(path, (exchange) -> send(exchange, status, "text/html", "<p>gone</p>"));
		return this;
	}

	SourceSite redirect(String path, String location) {
		this.pages.put(path, (exchange) -> {
			exchange.getResponseHeaders().set("Location", location);
			exchange.sendResponseHeaders(302, -1);
			exchange.close();
		});
		return this;
	}

	/**
	 * A page that starts with some HTML and then streams spaces until {@code bytes} are
	 * sent.
	 */
	SourceSite endless(String path, String start, long bytes) {
		this.pages.put(path, (exchange) -> {
			exchange.getResponseHeaders().set("Content-Type", "text/html");
			exchange.sendResponseHeaders(200, 0);
			byte[] chunk = new byte[64 * 1024];
			java.util.Arrays.fill(chunk, (byte) ' ');
			try (OutputStream out = exchange.getResponseBody()) {
				byte[] head = start.getBytes(StandardCharsets.UTF_8);
				out.write(head);
				this.written.addAndGet(head.length);
				for (long sent = head.length; sent < bytes; sent += chunk.length) {
					out.write(chunk);
					this.written.addAndGet(chunk.length);
				}
			}
			catch (IOException ex) {
				// the reader hung up, as it should
			}
		});
		return this;
	}

	/** A page that sends its headers and a little, then nothing more for a minute. */
	SourceSite stalled(String path) {
		this.pages.put(path, (exchange) -> {
			exchange.getResponseHeaders().set("Content-Type", "text/html");
			exchange.sendResponseHeaders(200, 0);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write("<p>Just a".getBytes(StandardCharsets.UTF_8));
				out.flush();
				Thread.sleep(60_000);
			}
			catch (IOException ex) {
				// the reader hung up
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		return this;
	}

	int requests() {
		return this.requests.get();
	}

	long written() {
		return this.written.get();
	}

	private void answer(HttpExchange exchange) throws IOException {
		this.requests.incrementAndGet();
		Page page = this.pages.get(exchange.getRequestURI().getPath());
		if (page == null) {
			send(exchange, 404, "text/plain", "not found");
			return;
		}
		page.answer(exchange);
	}

	private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", type);
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	static URI uri(String text) {
		return URI.create(text);
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	@FunctionalInterface
	private interface Page {

		void answer(HttpExchange exchange) throws IOException;

	}

}
