package io.starpunk.jobs;

import java.time.Instant;

/**
 * A job as the owner sees it on {@code /admin/jobs}.
 *
 * @param id its row
 * @param kind its kind
 * @param payload its payload, JSON
 * @param state {@code pending}, {@code running}, {@code done} or {@code failed}
 * @param attempts how many times it was tried
 * @param runAfter when it is due (pending) or was last due
 * @param lastError the last attempt's error, or {@code null}
 * @param result what it did, when done (or why it failed for good)
 * @param createdAt when it was added
 * @param finishedAt when it ended, or {@code null}
 */
public record Job(long id, String kind, String payload, String state, int attempts, Instant runAfter, String lastError,
		String result, Instant createdAt, Instant finishedAt) {

	/** A job still to run. */
	public static final String PENDING = "pending";

	/** A job a worker holds. */
	public static final String RUNNING = "running";

	/** A job that ran. */
	public static final String DONE = "done";

	/** A job that will not run again unless retried. */
	public static final String FAILED = "failed";

}
