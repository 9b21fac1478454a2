package io.starpunk.admin;

import java.util.List;

/**
 * The job queue as the owner sees it ({@code admin/jobs.jte}).
 *
 * @param flash the message about what a form just did, or {@code null}
 * @param sections failed, waiting, running and done jobs, each with its count
 */
record JobsView(String flash, List<Section> sections) {

	/**
	 * Jobs in one state.
	 *
	 * @param state the state's word ({@code failed}, {@code pending}, ...)
	 * @param heading the section's heading
	 * @param total how many jobs are in that state (more than are shown, perhaps)
	 * @param rows the jobs shown
	 * @param retry whether the jobs can be run again now from here
	 */
	record Section(String state, String heading, int total, List<Row> rows, boolean retry) {

		String id() {
			return "jobs-" + this.state;
		}

	}

	/**
	 * One job.
	 *
	 * @param id its row
	 * @param kind its kind
	 * @param about what it is about (its payload, shortened)
	 * @param attempts how many times it was tried
	 * @param when the moment that matters for its state, ISO 8601
	 * @param whenText the same for people, with what it means ("due", "finished")
	 * @param lastError the last attempt's error, or {@code null}
	 * @param result what it did, or {@code null}
	 */
	record Row(long id, String kind, String about, int attempts, String when, String whenText, String lastError,
			String result) {

		String labelId() {
			return "job-" + this.id + "-label";
		}

	}

}
