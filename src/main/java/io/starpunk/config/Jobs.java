package io.starpunk.config;

import java.util.function.BooleanSupplier;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Background jobs, timed: each run is recorded in the {@code starpunk.jobs} timer, tagged
 * with the job's name and its outcome ({@code success} or {@code failure}, when it
 * threw), so that {@code /metrics} shows how often each job ran, how long it took and
 * whether it failed.
 */
public final class Jobs {

	/** The timer's name. */
	public static final String TIMER = "starpunk.jobs";

	private Jobs() {
	}

	/**
	 * Runs a job and times it.
	 * @param registry where the timer is kept
	 * @param job the job's name, in kebab case ({@code token-cleanup})
	 * @param work the job
	 */
	public static void run(MeterRegistry registry, String job, Runnable work) {
		runReporting(registry, job, () -> {
			work.run();
			return true;
		});
	}

	/**
	 * Runs a job that reports its own failure (a job that logs and carries on rather than
	 * throwing) and times it.
	 * @param registry where the timer is kept
	 * @param job the job's name, in kebab case ({@code backup})
	 * @param work the job, answering whether it succeeded
	 * @return whether it succeeded
	 */
	public static boolean runReporting(MeterRegistry registry, String job, BooleanSupplier work) {
		Timer.Sample sample = Timer.start(registry);
		boolean succeeded = false;
		try {
			succeeded = work.getAsBoolean();
			return succeeded;
		}
		finally {
			sample.stop(Timer.builder(TIMER)
				.description("Runs of StarPunk's background jobs")
				.tag("job", job)
				.tag("outcome", succeeded ? "success" : "failure")
				.register(registry));
		}
	}

}
