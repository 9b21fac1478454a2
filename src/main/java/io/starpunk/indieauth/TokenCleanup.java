package io.starpunk.indieauth;

import java.time.Clock;
import java.time.Instant;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.starpunk.config.Jobs;

/**
 * Deletes expired authorization codes and tokens, in one transaction: once when the
 * server is ready (before it is handed to anyone, so never while a request is under way
 * on a code issued with another clock) and every hour after. Codes are kept a day past
 * their expiry, to catch reuse.
 */
@Component
class TokenCleanup {

	private static final Log logger = LogFactory.getLog(TokenCleanup.class);

	private final TokenRepository tokens;

	private final AuthorizationCodeRepository codes;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final MeterRegistry meters;

	TokenCleanup(TokenRepository tokens, AuthorizationCodeRepository codes, TransactionTemplate transactions,
			Clock clock, MeterRegistry meters) {
		this.tokens = tokens;
		this.meters = meters;
		this.codes = codes;
		this.transactions = transactions;
		this.clock = clock;
	}

	@EventListener(ApplicationReadyEvent.class)
	void deleteExpiredAtStart() {
		deleteExpired();
	}

	@Scheduled(initialDelayString = "PT1H", fixedDelayString = "PT1H")
	void deleteExpired() {
		Jobs.run(this.meters, "token-cleanup", () -> {
			Instant now = this.clock.instant();
			Integer deleted = this.transactions.execute((status) -> this.tokens.deleteExpired(now)
					+ this.codes.deleteExpiredBefore(now.minus(AuthorizationCodes.KEPT)));
			if (deleted != null && deleted > 0) {
				logger.info("Deleted " + deleted + " expired authorization codes and tokens");
			}
		});
	}

}
