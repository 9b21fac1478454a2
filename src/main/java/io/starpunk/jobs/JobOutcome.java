package io.starpunk.jobs;

import java.time.Instant;
import java.util.Objects;

/**
 * What became of a job that did not throw.
 *
 * @param state {@code done}, {@code later} or {@code failed}
 * @param summary a line for the owner: what was done, or why not
 * @param later when to run it again, for {@code later}
 * @param inTransaction what to write to the database with the job's completion (the
 * mention verified, the syndication URL, the jobs it leads to), or {@code null}
 */
public record JobOutcome(State state, String summary, Instant later, Runnable inTransaction) {

	public JobOutcome {
		Objects.requireNonNull(state, "state");
		summary = (summary != null) ? summary : "";
	}

	/**
	 * Done, for good.
	 * @param summary what was done
	 * @return the outcome
	 */
	public static JobOutcome done(String summary) {
		return new JobOutcome(State.DONE, summary, null, null);
	}

	/**
	 * Done, with database writes committed in the same transaction as the job's
	 * completion: either both happen or neither (and the job is run again).
	 * @param summary what was done
	 * @param writes the writes (they may add jobs with {@link JobQueue})
	 * @return the outcome
	 */
	public static JobOutcome done(String summary, Runnable writes) {
		return new JobOutcome(State.DONE, summary, null, writes);
	}

	/**
	 * Not yet: run it again at a moment (a scheduled note moved later). The attempt does
	 * not count.
	 * @param when when
	 * @param why why, for the owner
	 * @return the outcome
	 */
	public static JobOutcome later(Instant when, String why) {
		return new JobOutcome(State.LATER, why, Objects.requireNonNull(when, "when"), null);
	}

	/**
	 * Failed for good, without further attempts (the other side refused it in a way that
	 * trying again cannot change).
	 * @param reason why, for the owner
	 * @return the outcome
	 */
	public static JobOutcome failed(String reason) {
		return new JobOutcome(State.FAILED, reason, null, null);
	}

	/** What became of a job. */
	public enum State {

		/** Done for good. */
		DONE,

		/** To be run again later, without counting the attempt. */
		LATER,

		/** Failed for good. */
		FAILED

	}

}
