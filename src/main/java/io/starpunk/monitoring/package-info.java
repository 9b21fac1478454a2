/**
 * What operators watch: the Prometheus scrape at {@code /metrics} (on the main port
 * behind {@code METRICS_TOKEN}, on {@code MANAGEMENT_PORT} at 127.0.0.1 without one) and
 * the log format ({@code LOG_FORMAT}). The meters themselves are registered where their
 * work is done (Micropub writes, jobs, caches); this package only exposes them.
 */
package io.starpunk.monitoring;
