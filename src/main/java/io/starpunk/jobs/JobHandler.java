package io.starpunk.jobs;

/**
 * Runs the jobs of one kind. A handler is a bean; the worker finds it by {@link #kind()}.
 * It runs outside any transaction (it may fetch from other servers for seconds) and
 * answers what became of the job; a handler that throws has the job tried again later,
 * with the exception's message (never a secret) shown to the owner.
 */
public interface JobHandler {

	/**
	 * The kind of job this handler runs, in kebab case ({@code webmention-send}).
	 * @return the kind
	 */
	String kind();

	/**
	 * Whether this kind runs on this machine alone, quickly (database writes, no fetch
	 * from another server): such jobs also have a worker of their own, so that a queue of
	 * jobs waiting on slow sites never holds them up (a scheduled note appears on time).
	 * @return whether the jobs are local
	 */
	default boolean local() {
		return false;
	}

	/**
	 * Runs one job.
	 * @param job the job, with its payload
	 * @return what became of it
	 * @throws Exception to be tried again later (or marked failed after
	 * {@code JOB_MAX_ATTEMPTS})
	 */
	JobOutcome run(JobRun job) throws Exception;

}
