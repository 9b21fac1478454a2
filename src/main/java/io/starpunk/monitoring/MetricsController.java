package io.starpunk.monitoring;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import io.starpunk.config.Sha256;
import io.starpunk.config.StarpunkSettings;

/**
 * {@code GET /metrics} on the main port: the Prometheus text for a scraper that sends
 * {@code Authorization: Bearer <METRICS_TOKEN>} (compared in constant time), 401 for any
 * other, and, when {@code METRICS_TOKEN} is not set, the 404 of a path that does not
 * exist. The same scrape without a token is on {@code MANAGEMENT_PORT}, Boot's management
 * server on 127.0.0.1 ({@link MonitoringEnvironment}).
 */
@RestController
class MetricsController {

	/** Prometheus' text format, version 0.0.4, which every scraper reads. */
	static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

	private final ObjectProvider<PrometheusMeterRegistry> registry;

	private final String token;

	MetricsController(ObjectProvider<PrometheusMeterRegistry> registry, StarpunkSettings settings) {
		this.registry = registry;
		this.token = settings.monitoring().metricsToken();
	}

	@GetMapping("/metrics")
	ResponseEntity<String> scrape(
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization)
			throws NoResourceFoundException {
		if (this.token == null) {
			throw new NoResourceFoundException(HttpMethod.GET, "/metrics", "metrics");
		}
		if (!sameSecret(bearer(authorization), this.token)) {
			return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
				.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"metrics\"")
				.cacheControl(CacheControl.noStore())
				.build();
		}
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_TYPE, CONTENT_TYPE)
			.cacheControl(CacheControl.noStore())
			.body(this.registry.getObject().scrape(CONTENT_TYPE));
	}

	/** The token of an {@code Authorization: Bearer} header, or an empty string. */
	private static String bearer(String authorization) {
		if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
			return "";
		}
		return authorization.substring(7).strip();
	}

	/**
	 * Whether two secrets are equal, in a time that says nothing of where they differ
	 * (nor of their lengths: their SHA-256 hashes are compared).
	 */
	static boolean sameSecret(String given, String expected) {
		return MessageDigest.isEqual(Sha256.hex(given).getBytes(StandardCharsets.US_ASCII),
				Sha256.hex(expected).getBytes(StandardCharsets.US_ASCII));
	}

}
