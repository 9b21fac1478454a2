package io.starpunk.jobs;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Adds jobs, and shows them to the owner. A job added inside a transaction is written in
 * it: it exists exactly when the change that caused it committed. Outside one, it is
 * written in a transaction of its own.
 */
@Component
public class JobQueue {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final JobRepository jobs;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final JobSignal signal;

	JobQueue(JobRepository jobs, TransactionTemplate transactions, Clock clock, JobSignal signal) {
		this.jobs = jobs;
		this.transactions = transactions;
		this.clock = clock;
		this.signal = signal;
	}

	/**
	 * Adds a job to run now.
	 * @param kind its kind, as its {@link JobHandler} names it
	 * @param payload what it needs, written as JSON (a record, a map)
	 * @return its id
	 */
	public long add(String kind, Object payload) {
		return add(kind, payload, null, null);
	}

	/**
	 * Adds a job to run at a moment (now when it has passed).
	 * @param kind its kind
	 * @param payload what it needs
	 * @param runAfter when it is due, or {@code null} for now
	 * @return its id
	 */
	public long add(String kind, Object payload, Instant runAfter) {
		return add(kind, payload, runAfter, null);
	}

	/**
	 * Adds a job, or, when a job of the same kind with the same key is still waiting,
	 * replaces that one's payload and time: at most one waits per key (a WebSub ping for
	 * a burst of changes, the webmention of a source sent again before it was checked).
	 * @param kind its kind
	 * @param payload what it needs
	 * @param runAfter when it is due, or {@code null} for now
	 * @param key the key, or {@code null} for none
	 * @return its id
	 */
	public long add(String kind, Object payload, Instant runAfter, String key) {
		Instant now = this.clock.instant();
		Instant due = (runAfter == null || runAfter.isBefore(now)) ? now : runAfter;
		String body = json.writeValueAsString(payload);
		if (TransactionSynchronizationManager.isActualTransactionActive()) {
			long id = this.jobs.insert(kind, body, key, due, now);
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					JobQueue.this.signal.wake();
				}
			});
			return id;
		}
		Long id = this.transactions.execute((status) -> this.jobs.insert(kind, body, key, due, now));
		this.signal.wake();
		return id;
	}

	/**
	 * The jobs in a state, the newest finished first or the soonest due first.
	 * @param state {@link Job#PENDING}, {@link Job#RUNNING}, {@link Job#DONE} or
	 * {@link Job#FAILED}
	 * @param limit how many at most
	 * @return the jobs
	 */
	public List<Job> inState(String state, int limit) {
		return this.jobs.inState(state, limit);
	}

	/**
	 * How many jobs are in each state.
	 * @return the counts, by state
	 */
	public Map<String, Integer> counts() {
		return this.jobs.counts();
	}

	/**
	 * One job.
	 * @param id its id
	 * @return the job, or empty
	 */
	public Optional<Job> find(long id) {
		return this.jobs.find(id);
	}

	/**
	 * Runs a failed or waiting job now, its attempts counted afresh.
	 * @param id the job
	 * @return whether there was such a job to retry
	 */
	public boolean retry(long id) {
		Boolean retried = this.transactions.execute((status) -> this.jobs.retry(id, this.clock.instant()));
		this.signal.wake();
		return Boolean.TRUE.equals(retried);
	}

	/**
	 * Whether nothing is left to do now: no job due and none running (tests wait for
	 * this; a job due later does not count).
	 * @return whether the queue is idle
	 */
	public boolean idle() {
		Map<String, Integer> counts = this.jobs.counts();
		if (counts.get(Job.RUNNING) > 0) {
			return false;
		}
		return this.jobs.nextDue().map((due) -> due.isAfter(this.clock.instant())).orElse(true);
	}

}
