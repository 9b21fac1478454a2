package io.starpunk.indieauth;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.starpunk.config.Jobs;

/**
 * Deletes expired authorization codes and tokens: once when the server is ready (before
 * it is handed to anyone, so never while a request is under way on a code issued with
 * another clock) and every hour after.
 */
@Component
class TokenCleanup {

	private static final Log logger = LogFactory.getLog(TokenCleanup.class);

	private final TokenService tokens;

	private final AuthorizationCodes codes;

	private final MeterRegistry meters;

	TokenCleanup(TokenService tokens, AuthorizationCodes codes, MeterRegistry meters) {
		this.tokens = tokens;
		this.meters = meters;
		this.codes = codes;
	}

	@EventListener(ApplicationReadyEvent.class)
	void deleteExpiredAtStart() {
		deleteExpired();
	}

	@Scheduled(initialDelayString = "PT1H", fixedDelayString = "PT1H")
	void deleteExpired() {
		Jobs.run(this.meters, "token-cleanup", () -> {
			int deleted = this.tokens.deleteExpired() + this.codes.deleteExpired();
			if (deleted > 0) {
				logger.info("Deleted " + deleted + " expired authorization codes and tokens");
			}
		});
	}

}
