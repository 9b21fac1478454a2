package io.starpunk.monitoring;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Turns two of the monitoring settings into Boot's own properties before the logging
 * system and the management server are set up (which is before the settings record is
 * bound, so the raw values are read here and a wrong one is left for the record to
 * report):
 * <ul>
 * <li>{@code LOG_FORMAT=json}: every console line is one JSON object in the Elastic
 * Common Schema ({@code logging.structured.format.console=ecs}); {@code text}, the
 * default, leaves Boot's plain lines;</li>
 * <li>{@code MANAGEMENT_PORT}: Boot's management server on that port at 127.0.0.1, where
 * the one exposed endpoint, the Prometheus scrape, answers at {@code /metrics} without a
 * token; unset, the management server is off ({@code management.server.port=-1}), so no
 * actuator endpoint is served anywhere.</li>
 * <li>neither set: nothing can be scraped, so the Prometheus registry is not made at all
 * (the meters go to Boot's simple registry), which keeps its client out of memory.</li>
 * </ul>
 */
class MonitoringEnvironment implements EnvironmentPostProcessor {

	static final String SOURCE = "starpunkMonitoring";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Map<String, Object> properties = new HashMap<>();
		String format = environment.getProperty("starpunk.monitoring.log-format", "text");
		if ("json".equals(format.strip().toLowerCase(Locale.ROOT))) {
			properties.put("logging.structured.format.console", "ecs");
		}
		int port = managementPort(environment);
		if (port == -1 && environment.getProperty("starpunk.monitoring.metrics-token", "").isBlank()) {
			// nobody can scrape: no Prometheus registry and its client in memory (the
			// meters go to a simple registry nobody reads)
			properties.put("management.prometheus.metrics.export.enabled", "false");
		}
		properties.put("management.server.port", port);
		properties.put("management.server.address", "127.0.0.1");
		environment.getPropertySources().addLast(new MapPropertySource(SOURCE, properties));
	}

	/** MANAGEMENT_PORT, or -1 (off) when it is unset, 0, or not a port. */
	private static int managementPort(ConfigurableEnvironment environment) {
		String value = environment.getProperty("starpunk.monitoring.management-port", "").strip();
		try {
			int port = value.isEmpty() ? 0 : Integer.parseInt(value);
			return (port >= 1 && port <= 65535) ? port : -1;
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

}
