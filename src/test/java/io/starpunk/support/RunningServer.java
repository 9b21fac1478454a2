package io.starpunk.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.starpunk.StarpunkApplication;

/**
 * The real application, started in this JVM on a data directory and a free loopback port,
 * for tests that walk through it over HTTP.
 */
public final class RunningServer implements AutoCloseable {

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final ConfigurableApplicationContext context;

	private final URI base;

	private RunningServer(ConfigurableApplicationContext context) {
		this.context = context;
		this.base = URI.create("http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port") + "/");
	}

	/**
	 * Starts the application.
	 * @param dataPath DATA_PATH
	 * @param extraSources further configuration classes (test beans), if any
	 * @param properties further {@code name=value} properties
	 * @return the running server
	 */
	public static RunningServer start(Path dataPath, List<Class<?>> extraSources, String... properties) {
		List<String> all = new ArrayList<>(List.of("DATA_PATH=" + dataPath, "PORT=0", "server.address=127.0.0.1"));
		all.addAll(List.of(properties));
		List<Class<?>> sources = new ArrayList<>(List.of(StarpunkApplication.class));
		sources.addAll(extraSources);
		ConfigurableApplicationContext context = new SpringApplicationBuilder(sources.toArray(Class<?>[]::new))
			.properties(all.toArray(String[]::new))
			.run();
		return new RunningServer(context);
	}

	/**
	 * Starts the application on a free loopback port that is also its {@code SITE_URL},
	 * so that the absolute links on its pages lead a browser back to it.
	 * @param dataPath DATA_PATH
	 * @param properties further {@code name=value} properties
	 * @return the running server
	 */
	public static RunningServer startAtItsOwnUrl(Path dataPath, String... properties) {
		return startAtItsOwnUrl(dataPath, List.of(), properties);
	}

	/**
	 * Starts the application on a free loopback port that is also its {@code SITE_URL}.
	 * @param dataPath DATA_PATH
	 * @param extraSources further configuration classes (test beans), if any
	 * @param properties further {@code name=value} properties
	 * @return the running server
	 */
	public static RunningServer startAtItsOwnUrl(Path dataPath, List<Class<?>> extraSources, String... properties) {
		int port = freePort();
		List<String> all = new ArrayList<>(
				List.of("PORT=" + port, "SITE_URL=http://127.0.0.1:" + port + "/", "SITE_NAME=Browser Test Site"));
		all.addAll(List.of(properties));
		return start(dataPath, extraSources, all.toArray(String[]::new));
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static RunningServer start(Path dataPath) {
		return start(dataPath, List.of());
	}

	public ConfigurableApplicationContext context() {
		return this.context;
	}

	public URI uri(String path) {
		return this.base.resolve(path.startsWith("/") ? path.substring(1) : path);
	}

	public HttpResponse<String> get(String path) {
		try {
			return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).GET().build(),
					HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		this.context.close();
	}

}
