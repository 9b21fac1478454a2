package io.starpunk.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A web server on a loopback address, written on a bare socket so that it can count the
 * connections made to it (not only the requests) and misbehave on purpose: redirect, send
 * too much, never answer, or drip its body a byte at a time.
 */
final class StandInSite implements AutoCloseable {

	private final ServerSocket socket;

	private final AtomicInteger connections = new AtomicInteger();

	private final List<Map<String, String>> requests = new CopyOnWriteArrayList<>();

	private final Map<String, Function<String, Reply>> routes = new ConcurrentHashMap<>();

	private final CountDownLatch closed = new CountDownLatch(1);

	private StandInSite(ServerSocket socket) {
		this.socket = socket;
		Thread acceptor = new Thread(this::accept, "stand-in-site");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	/**
	 * A site on a free port of a loopback address.
	 * @param address 127.0.0.1, 127.0.0.2, ...
	 * @return the running site
	 */
	static StandInSite on(String address) {
		return on(address, 0);
	}

	/**
	 * A site on a loopback address and a given port.
	 * @param address 127.0.0.1, 127.0.0.2, ...
	 * @param port the port, or 0 for any
	 * @return the running site
	 */
	static StandInSite on(String address, int port) {
		try {
			ServerSocket socket = new ServerSocket();
			socket.bind(new InetSocketAddress(InetAddress.getByName(address), port), 50);
			return new StandInSite(socket);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	int port() {
		return this.socket.getLocalPort();
	}

	URI uri(String path) {
		return URI.create("http://" + this.socket.getInetAddress().getHostAddress() + ":" + port() + path);
	}

	/** Connections accepted so far. */
	int connections() {
		return this.connections.get();
	}

	/** The requests read so far: {@code :path} and the headers, names in lower case. */
	List<Map<String, String>> requests() {
		return this.requests;
	}

	StandInSite route(String path, Function<String, Reply> reply) {
		this.routes.put(path, reply);
		return this;
	}

	StandInSite route(String path, Reply reply) {
		return route(path, (asked) -> reply);
	}

	private void accept() {
		while (!this.socket.isClosed()) {
			try {
				Socket connection = this.socket.accept();
				this.connections.incrementAndGet();
				Thread handler = new Thread(() -> serve(connection), "stand-in-site-connection");
				handler.setDaemon(true);
				handler.start();
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private void serve(Socket connection) {
		try (connection) {
			Map<String, String> request = readHead(connection.getInputStream());
			if (request == null) {
				return;
			}
			this.requests.add(request);
			String path = request.get(":path");
			Function<String, Reply> route = this.routes.get(path);
			Reply reply = (route != null) ? route.apply(path)
					: Reply.status(404, "text/plain", "not here".getBytes(StandardCharsets.UTF_8));
			reply.send(connection.getOutputStream(), this.closed);
		}
		catch (IOException ex) {
			// the client went away
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static Map<String, String> readHead(InputStream in) throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		int matched = 0;
		byte[] end = { '\r', '\n', '\r', '\n' };
		while (matched < 4) {
			int next = in.read();
			if (next < 0) {
				return null;
			}
			head.write(next);
			matched = (next == end[matched]) ? matched + 1 : ((next == '\r') ? 1 : 0);
		}
		String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
		Map<String, String> request = new ConcurrentHashMap<>();
		String[] requestLine = lines[0].split(" ");
		request.put(":method", requestLine[0]);
		request.put(":path", requestLine[1]);
		for (int i = 1; i < lines.length; i++) {
			int colon = lines[i].indexOf(':');
			if (colon > 0) {
				request.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
						lines[i].substring(colon + 1).strip());
			}
		}
		int length = Integer.parseInt(request.getOrDefault("content-length", "0"));
		request.put(":body", new String(in.readNBytes(length), StandardCharsets.UTF_8));
		return request;
	}

	@Override
	public void close() {
		this.closed.countDown();
		try {
			this.socket.close();
		}
		catch (IOException ex) {
			// closed
		}
	}

	/** What the site answers on one path. */
	interface Reply {

		void send(OutputStream out, CountDownLatch closed) throws IOException, InterruptedException;

		static Reply ok(String type, String body) {
			return status(200, type, body.getBytes(StandardCharsets.UTF_8));
		}

		static Reply status(int status, String type, byte[] body) {
			return (out, closed) -> {
				out.write(("HTTP/1.1 " + status + " Whatever\r\nContent-Type: " + type + "\r\nContent-Length: "
						+ body.length + "\r\nConnection: close\r\n\r\n")
					.getBytes(StandardCharsets.ISO_8859_1));
				out.write(body);
				out.flush();
			};
		}

		/**
		 * A body of {@code length} bytes sent without a Content-Length, until it closes.
		 */
		static Reply unsized(int length) {
			return (out, closed) -> {
				out.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n"
					.getBytes(StandardCharsets.ISO_8859_1));
				byte[] chunk = new byte[1024];
				Arrays.fill(chunk, (byte) 'a');
				for (int sent = 0; sent < length; sent += chunk.length) {
					out.write(chunk, 0, Math.min(chunk.length, length - sent));
				}
				out.flush();
			};
		}

		static Reply redirect(int status, String location) {
			return (out, closed) -> {
				out.write(("HTTP/1.1 " + status + " Moved\r\nLocation: " + location
						+ "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
					.getBytes(StandardCharsets.ISO_8859_1));
				out.flush();
			};
		}

		/** Reads the request and never answers, until the site is closed. */
		static Reply silence() {
			return (out, closed) -> closed.await(30, TimeUnit.SECONDS);
		}

		/**
		 * Headers at once, then a byte of a long body every 50 ms, until the site is
		 * closed.
		 */
		static Reply drip() {
			return (out, closed) -> {
				out.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 100000\r\n\r\n"
					.getBytes(StandardCharsets.ISO_8859_1));
				out.flush();
				while (!closed.await(50, TimeUnit.MILLISECONDS)) {
					out.write('a');
					out.flush();
				}
			};
		}

	}

}
