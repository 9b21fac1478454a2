package io.starpunk.jobs;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.stereotype.Component;

/**
 * The queue's depth on {@code /metrics}: {@code starpunk.jobs.queued} by state (pending,
 * running, failed), read from the database when scraped; how each run went is the
 * {@code starpunk.jobs} timer.
 */
@Component
class JobMeters implements MeterBinder {

	private final JobRepository jobs;

	JobMeters(JobRepository jobs) {
		this.jobs = jobs;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (String state : new String[] { Job.PENDING, Job.RUNNING, Job.FAILED }) {
			Gauge.builder("starpunk.jobs.queued", this.jobs, (repository) -> count(repository, state))
				.description("Jobs in the queue, by state")
				.tag("state", state)
				.register(registry);
		}
	}

	private static double count(JobRepository repository, String state) {
		try {
			return repository.counts().getOrDefault(state, 0);
		}
		catch (RuntimeException ex) {
			// the database does not answer: the scrape still works, without this figure
			return Double.NaN;
		}
	}

}
