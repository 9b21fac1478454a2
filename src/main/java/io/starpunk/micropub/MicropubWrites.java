package io.starpunk.micropub;

import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * Micropub writes that succeeded, counted by action in {@code starpunk.micropub.writes}
 * (Prometheus: {@code starpunk_micropub_writes_total{action="create"}}): each counter
 * exists from the start, at zero, so that a rate can be taken before the first write.
 */
@Component
class MicropubWrites {

	static final String COUNTER = "starpunk.micropub.writes";

	private final Map<String, Counter> counters;

	MicropubWrites(MeterRegistry registry) {
		this.counters = Map.of("create", counter(registry, "create"), "update", counter(registry, "update"), "delete",
				counter(registry, "delete"), "undelete", counter(registry, "undelete"), "media",
				counter(registry, "media"));
	}

	private static Counter counter(MeterRegistry registry, String action) {
		return Counter.builder(COUNTER)
			.description("Micropub writes that succeeded, by action")
			.tag("action", action)
			.register(registry);
	}

	/**
	 * Counts one write.
	 * @param action {@code create}, {@code update}, {@code delete}, {@code undelete} or
	 * {@code media}
	 */
	void count(String action) {
		Counter counter = this.counters.get(action);
		if (counter != null) {
			counter.increment();
		}
	}

}
