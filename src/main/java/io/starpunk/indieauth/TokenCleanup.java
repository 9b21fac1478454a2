package io.starpunk.indieauth;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes expired authorization codes and tokens: at start-up and every hour after.
 */
@Component
class TokenCleanup {

	private static final Log logger = LogFactory.getLog(TokenCleanup.class);

	private final TokenService tokens;

	private final AuthorizationCodes codes;

	TokenCleanup(TokenService tokens, AuthorizationCodes codes) {
		this.tokens = tokens;
		this.codes = codes;
	}

	@Scheduled(initialDelayString = "PT0S", fixedDelayString = "PT1H")
	void deleteExpired() {
		int deleted = this.tokens.deleteExpired() + this.codes.deleteExpired();
		if (deleted > 0) {
			logger.info("Deleted " + deleted + " expired authorization codes and tokens");
		}
	}

}
