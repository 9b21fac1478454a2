package io.starpunk.jobs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.starpunk.config.Jobs;
import io.starpunk.config.StarpunkSettings;

/**
 * Runs the queue: {@value #THREADS} threads each claim the next job due (local kinds
 * first, see {@link JobHandler#local()}), and one more takes only local kinds, so that
 * jobs waiting on slow sites never hold up a scheduled note. Each runs the job's
 * {@link JobHandler} outside any transaction, and records the outcome, with the writes it
 * asks for, in one transaction. A job that throws is tried again after 30 s, 1 min, 2
 * min, ... (at most 6 h) until {@code JOB_MAX_ATTEMPTS}, then marked failed with the last
 * error. A claim is a lease of {@code starpunk.jobs.lease} (60 s), renewed every third of
 * it while the job runs; a job whose lease ran out (its process was killed) is claimed
 * again. Done jobs are deleted after 30 days.
 */
@Component
class JobWorker implements SmartLifecycle {

	private static final Log log = LogFactory.getLog(JobWorker.class);

	static final int THREADS = 2;

	static final Duration LONGEST_WAIT = Duration.ofHours(6);

	static final Duration KEEP_DONE = Duration.ofDays(30);

	private static final long POLL_MILLIS = 1000;

	private final JobRepository jobs;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final JobSignal signal;

	private final MeterRegistry meters;

	private final Map<String, JobHandler> handlers;

	private final Set<String> local;

	private final int maxAttempts;

	private final Duration lease;

	private final Duration firstRetry;

	private final String worker = UUID.randomUUID().toString();

	private final List<Thread> threads = new ArrayList<>();

	private volatile boolean running;

	private volatile ScheduledExecutorService upkeep;

	JobWorker(JobRepository jobs, TransactionTemplate transactions, Clock clock, JobSignal signal, MeterRegistry meters,
			List<JobHandler> handlers, StarpunkSettings settings, Environment environment) {
		this.jobs = jobs;
		this.transactions = transactions;
		this.clock = clock;
		this.signal = signal;
		this.meters = meters;
		this.handlers = handlers.stream().collect(Collectors.toMap(JobHandler::kind, Function.identity()));
		this.local = handlers.stream()
			.filter(JobHandler::local)
			.map(JobHandler::kind)
			.collect(Collectors.toCollection(TreeSet::new));
		this.maxAttempts = settings.conversations().jobMaxAttempts();
		// internal timings, changed only by tests (a lease that runs out quickly after
		// a kill, a retry that comes soon)
		this.lease = environment.getProperty("starpunk.jobs.lease", Duration.class, Duration.ofSeconds(60));
		this.firstRetry = environment.getProperty("starpunk.jobs.first-retry", Duration.class, Duration.ofSeconds(30));
	}

	/**
	 * Claims and runs one job due now, if there is one, local kinds first.
	 * @return whether a job ran
	 */
	boolean runOne() {
		return runOne(false);
	}

	/**
	 * Claims and runs one job due now, if there is one.
	 * @param localOnly whether to take only local kinds ({@link JobHandler#local()})
	 * @return whether a job ran
	 */
	boolean runOne(boolean localOnly) {
		if (localOnly && this.local.isEmpty()) {
			return false;
		}
		Instant now = this.clock.instant();
		// a read first, outside any transaction: an idle queue costs no write
		Optional<Long> due = this.jobs.nextDueId(now, this.local, localOnly);
		if (due.isEmpty()) {
			return false;
		}
		Optional<JobRun> claimed = this.transactions
			.execute((status) -> this.jobs.claim(due.get(), this.worker, now, now.plus(this.lease)));
		if (claimed == null || claimed.isEmpty()) {
			return false;
		}
		JobRun job = claimed.get();
		JobHandler handler = this.handlers.get(job.kind());
		if (handler == null) {
			finish(job, JobOutcome.failed("No handler for jobs of the kind " + job.kind()));
			return true;
		}
		Jobs.runReporting(this.meters, job.kind(), () -> {
			JobOutcome outcome;
			try {
				outcome = handler.run(job);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				retry(job, "The server stopped while the job ran");
				return false;
			}
			catch (Exception | LinkageError ex) {
				retry(job, reason(ex));
				return false;
			}
			return finish(job, outcome);
		});
		return true;
	}

	private boolean finish(JobRun job, JobOutcome outcome) {
		Instant now = this.clock.instant();
		try {
			Boolean recorded = this.transactions.execute((status) -> switch (outcome.state()) {
				case DONE -> {
					if (!this.jobs.finish(job.id(), this.worker, Job.DONE, outcome.summary(), null, now)) {
						yield false;
					}
					if (outcome.inTransaction() != null) {
						outcome.inTransaction().run();
					}
					yield true;
				}
				case LATER -> this.jobs.postpone(job.id(), this.worker, outcome.later(), null, false);
				case FAILED ->
					this.jobs.finish(job.id(), this.worker, Job.FAILED, outcome.summary(), outcome.summary(), now);
			});
			if (!Boolean.TRUE.equals(recorded)) {
				log.warn("Job " + job.id() + " (" + job.kind() + ") ran past its lease; another worker holds it now");
				return false;
			}
			if (outcome.state() == JobOutcome.State.FAILED) {
				log.warn("Job " + job.id() + " (" + job.kind() + ") failed: " + outcome.summary());
			}
			return outcome.state() == JobOutcome.State.DONE;
		}
		catch (RuntimeException ex) {
			// the outcome's writes failed (a busy database): the job is tried again
			retry(job, "Its result could not be saved: " + reason(ex));
			return false;
		}
	}

	private void retry(JobRun job, String error) {
		Instant now = this.clock.instant();
		try {
			this.transactions.executeWithoutResult((status) -> {
				if (job.attempt() >= this.maxAttempts) {
					this.jobs.finish(job.id(), this.worker, Job.FAILED, null, error, now);
					log.warn("Job " + job.id() + " (" + job.kind() + ") failed after " + job.attempt() + " attempts: "
							+ error);
				}
				else {
					this.jobs.postpone(job.id(), this.worker, now.plus(backoff(job.attempt())), error, true);
					log.info(
							"Job " + job.id() + " (" + job.kind() + ") attempt " + job.attempt() + " failed: " + error);
				}
			});
		}
		catch (RuntimeException ex) {
			// the lease runs out and the job is claimed again
			log.warn("Could not record the outcome of job " + job.id() + ": " + reason(ex));
		}
	}

	/** How long to wait after the given failed attempt: doubling, at most 6 h. */
	Duration backoff(int attempt) {
		Duration wait = this.firstRetry;
		for (int i = 1; i < attempt && wait.compareTo(LONGEST_WAIT) < 0; i++) {
			wait = wait.multipliedBy(2);
		}
		return (wait.compareTo(LONGEST_WAIT) > 0) ? LONGEST_WAIT : wait;
	}

	static String reason(Throwable ex) {
		String message = ex.getMessage();
		return (message == null || message.isBlank()) ? ex.getClass().getSimpleName() : message;
	}

	private void loop(boolean localOnly) {
		while (this.running) {
			try {
				if (!runOne(localOnly)) {
					this.signal.await(POLL_MILLIS);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException ex) {
				// the database is busy or unavailable: wait, and try again
				log.warn("The job queue could not be read: " + reason(ex));
				try {
					Thread.sleep(POLL_MILLIS * 5);
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}
	}

	private void keepUp() {
		try {
			Instant now = this.clock.instant();
			this.transactions.executeWithoutResult((status) -> this.jobs.renew(this.worker, now.plus(this.lease)));
		}
		catch (RuntimeException ex) {
			log.warn("Could not renew the leases of running jobs: " + reason(ex));
		}
	}

	private void cleanUp() {
		try {
			Integer deleted = this.transactions
				.execute((status) -> this.jobs.deleteDoneBefore(this.clock.instant().minus(KEEP_DONE)));
			if (deleted != null && deleted > 0) {
				log.info("Deleted " + deleted + " jobs done more than 30 days ago");
			}
		}
		catch (RuntimeException ex) {
			log.warn("Could not delete old jobs: " + reason(ex));
		}
	}

	@Override
	public void start() {
		this.running = true;
		for (int i = 0; i <= THREADS; i++) {
			boolean localOnly = (i == 0);
			Thread thread = new Thread(() -> loop(localOnly), localOnly ? "starpunk-jobs-local" : "starpunk-jobs-" + i);
			thread.setDaemon(true);
			this.threads.add(thread);
			thread.start();
		}
		ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "starpunk-jobs-upkeep");
			thread.setDaemon(true);
			return thread;
		});
		long renew = Math.max(100, this.lease.toMillis() / 3);
		scheduler.scheduleWithFixedDelay(this::keepUp, renew, renew, TimeUnit.MILLISECONDS);
		scheduler.scheduleWithFixedDelay(this::cleanUp, 1, 60, TimeUnit.MINUTES);
		this.upkeep = scheduler;
	}

	@Override
	public void stop() {
		this.running = false;
		this.threads.forEach(Thread::interrupt);
		for (Thread thread : this.threads) {
			try {
				thread.join(10_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		this.threads.clear();
		ScheduledExecutorService scheduler = this.upkeep;
		if (scheduler != null) {
			scheduler.shutdownNow();
			this.upkeep = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

}
