package io.starpunk.database;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a {@link StartupFailure} into Spring Boot's start-up report: its one line, and no
 * stack trace.
 */
class StartupFailureAnalyzer extends AbstractFailureAnalyzer<StartupFailure> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, StartupFailure cause) {
		return new FailureAnalysis(cause.getMessage(),
				"See README.md, 'Upgrading from StarPunk', for what the server does with DATA_PATH.", null);
	}

}
