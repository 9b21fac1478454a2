package io.starpunk.monitoring;

import java.util.Arrays;
import java.util.List;

/**
 * A Prometheus text scrape, read as a test reads it: the samples of a metric whose labels
 * include the ones asked for, summed.
 */
record Scrape(String text) {

	/**
	 * The sum of the samples of a metric that carry all the given labels.
	 * @param metric the metric's name, as exposed
	 * ({@code http_server_requests_seconds_count})
	 * @param labels {@code name="value"} pairs that must all be among the sample's labels
	 * @return the sum, 0 when there is no such sample
	 */
	double sum(String metric, String... labels) {
		return samples(metric, labels).stream().mapToDouble(Scrape::value).sum();
	}

	/** The sample lines of a metric that carry all the given labels. */
	List<String> samples(String metric, String... labels) {
		return this.text.lines()
			.filter((line) -> line.startsWith(metric + "{") || line.startsWith(metric + " "))
			.filter((line) -> Arrays.stream(labels).allMatch((label) -> labelsOf(line).contains(label)))
			.toList();
	}

	private static String labelsOf(String line) {
		int open = line.indexOf('{');
		int close = line.lastIndexOf('}');
		return (open >= 0 && close > open) ? line.substring(open + 1, close) : "";
	}

	private static double value(String line) {
		String afterLabels = line.substring(line.lastIndexOf('}') + 1).strip();
		if (line.indexOf('{') < 0) {
			afterLabels = line.substring(line.indexOf(' ') + 1).strip();
		}
		return Double.parseDouble(afterLabels.split(" ")[0]);
	}

}
