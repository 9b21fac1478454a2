package io.starpunk.admin;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.starpunk.jobs.Job;
import io.starpunk.jobs.JobQueue;

/**
 * {@code /admin/jobs}: what the server does on the owner's behalf (webmentions, WebSub
 * pings, syndication, scheduled notes), failed first with the reason, then waiting,
 * running and done; a failed or waiting job can be run again now.
 */
@Controller
class JobsController {

	/** The most jobs a section shows. */
	static final int SHOWN = 100;

	private static final Map<String, String> DONE = Map.of("retried", "The job will run again in a moment.");

	private final JobQueue jobs;

	private final AdminPages pages;

	JobsController(JobQueue jobs, AdminPages pages) {
		this.jobs = jobs;
		this.pages = pages;
	}

	@GetMapping("/admin/jobs")
	ResponseEntity<String> showJobs(@RequestParam(required = false) String done, CsrfToken csrf) {
		Map<String, Integer> counts = this.jobs.counts();
		List<JobsView.Section> sections = List.of(section(Job.FAILED, "Failed", counts, true),
				section(Job.PENDING, "Waiting", counts, true), section(Job.RUNNING, "Running", counts, false),
				section(Job.DONE, "Done", counts, false));
		JobsView view = new JobsView((done != null) ? DONE.get(done) : null, sections);
		return this.pages.page(HttpStatus.OK, "admin/jobs.jte", "Jobs", view, csrf);
	}

	@PostMapping("/admin/jobs/{id}/retry")
	ResponseEntity<String> retryJob(@PathVariable long id, CsrfToken csrf) {
		if (!this.jobs.retry(id)) {
			return this.pages.error(HttpStatus.NOT_FOUND, "No such job to retry",
					"There is no failed or waiting job with that number; it may have run in the meantime.", csrf);
		}
		return AdminPages.redirect("/admin/jobs?done=retried");
	}

	private JobsView.Section section(String state, String heading, Map<String, Integer> counts, boolean retry) {
		List<JobsView.Row> rows = this.jobs.inState(state, SHOWN).stream().map(JobsController::row).toList();
		return new JobsView.Section(state, heading, counts.getOrDefault(state, 0), rows, retry);
	}

	private static JobsView.Row row(Job job) {
		Instant when = switch (job.state()) {
			case Job.DONE, Job.FAILED -> (job.finishedAt() != null) ? job.finishedAt() : job.runAfter();
			default -> job.runAfter();
		};
		String meaning = switch (job.state()) {
			case Job.DONE -> "Finished ";
			case Job.FAILED -> "Gave up ";
			case Job.RUNNING -> "Started ";
			default -> "Due ";
		};
		String about = job.payload();
		if (about.length() > 300) {
			about = about.substring(0, 299) + "…";
		}
		return new JobsView.Row(job.id(), job.kind(), about, job.attempts(), AdminPages.iso(when),
				meaning + AdminPages.forPeople(when), job.lastError(), job.result());
	}

}
