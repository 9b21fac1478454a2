package io.starpunk.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.starpunk.StarpunkApplication;

/**
 * The application with one more job kind, {@code test-slow}, for the tests that run it in
 * a JVM of its own and kill it: each run appends {@code start <id> <process>} and then,
 * 300 ms later, {@code end <id> <process>} to the file named by {@code SLOW_JOBS_LOG}.
 */
public final class SlowJobsServer {

	private SlowJobsServer() {
	}

	public static void main(String[] args) {
		new SpringApplicationBuilder(StarpunkApplication.class, SlowJobs.class).run(args);
	}

	@Configuration(proxyBeanMethods = false)
	static class SlowJobs {

		@Bean
		JobHandler slowHandler() {
			// read when a job runs: component scanning finds this class in other tests
			// too
			String process = Long.toString(ProcessHandle.current().pid());
			return new JobHandler() {
				@Override
				public String kind() {
					return "test-slow";
				}

				@Override
				public JobOutcome run(JobRun job) throws InterruptedException {
					Path log = Path.of(System.getenv("SLOW_JOBS_LOG"));
					append(log, "start " + job.id() + " " + process);
					Thread.sleep(300);
					append(log, "end " + job.id() + " " + process);
					return JobOutcome.done("slept");
				}
			};
		}

		private static synchronized void append(Path log, String line) {
			try {
				Files.writeString(log, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
						StandardOpenOption.APPEND);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

	}

}
