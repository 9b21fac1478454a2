package io.starpunk.config;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A setting that {@link StarpunkSettings} refused: its own one-line reason, which names
 * the environment variable, instead of Spring's description of the binding.
 */
class SettingsFailureAnalyzer extends AbstractFailureAnalyzer<BindException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, BindException cause) {
		Throwable reason = cause.getCause();
		while (reason != null && !(reason instanceof IllegalArgumentException)) {
			reason = reason.getCause();
		}
		if (reason == null || reason.getMessage() == null
				|| !cause.getTarget().getType().toClass().equals(StarpunkSettings.class)) {
			return null;
		}
		return new FailureAnalysis(reason.getMessage(), "Correct the environment variable and start again.", null);
	}

}
