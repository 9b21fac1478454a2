package io.starpunk.jobs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.starpunk.config.SqlTime;

/** The {@code jobs} table. Every method that writes runs inside a transaction. */
@Repository
class JobRepository {

	/** The most an error or a result keeps, in characters. */
	static final int TEXT_MAX = 1000;

	private static final RowMapper<Job> JOB = (row, number) -> new Job(row.getLong("id"), row.getString("kind"),
			row.getString("payload"), row.getString("state"), row.getInt("attempts"),
			SqlTime.instant(row.getString("run_after")), row.getString("last_error"), row.getString("result"),
			SqlTime.instant(row.getString("created_at")), SqlTime.instant(row.getString("finished_at")));

	private final JdbcClient jdbc;

	JobRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	long insert(String kind, String payload, String key, Instant runAfter, Instant now) {
		if (key != null) {
			int updated = this.jdbc.sql("""
					UPDATE jobs SET payload = ?, run_after = ?
					WHERE kind = ? AND dedupe_key = ? AND state = 'pending'
					""").params(payload, SqlTime.text(runAfter), kind, key).update();
			if (updated > 0) {
				return this.jdbc.sql("SELECT id FROM jobs WHERE kind = ? AND dedupe_key = ? AND state = 'pending'")
					.params(kind, key)
					.query(Long.class)
					.single();
			}
		}
		this.jdbc.sql("""
				INSERT INTO jobs (kind, payload, dedupe_key, state, attempts, run_after, created_at)
				VALUES (?, ?, ?, 'pending', 0, ?, ?)
				""").params(kind, payload, key, SqlTime.text(runAfter), SqlTime.text(now)).update();
		return this.jdbc.sql("SELECT last_insert_rowid()").query(Long.class).single();
	}

	/**
	 * The next job due: a pending job whose time has come, or a running one whose
	 * worker's lease ran out (its process died). Jobs of the first kinds come first.
	 * @param now the moment
	 * @param first kinds that go before the others when due (local ones)
	 * @param onlyFirst whether to take only jobs of those kinds
	 */
	Optional<Long> nextDueId(Instant now, Set<String> first, boolean onlyFirst) {
		String kinds = first.isEmpty() ? "NULL" : String.join(", ", Collections.nCopies(first.size(), "?"));
		List<Object> params = new ArrayList<>(List.of(SqlTime.text(now), SqlTime.text(now)));
		String only = "";
		if (onlyFirst) {
			only = " AND kind IN (" + kinds + ")";
			params.addAll(first);
		}
		params.addAll(first);
		return this.jdbc
			.sql("SELECT id FROM jobs"
					+ " WHERE ((state = 'pending' AND run_after <= ?) OR (state = 'running' AND claimed_until < ?))"
					+ only + " ORDER BY kind IN (" + kinds + ") DESC, run_after, id LIMIT 1")
			.params(params)
			.query(Long.class)
			.optional();
	}

	/** Claims a job, unless another worker did first. */
	Optional<JobRun> claim(long id, String worker, Instant now, Instant leaseUntil) {
		int claimed = this.jdbc.sql("""
				UPDATE jobs SET state = 'running', claimed_by = ?, claimed_until = ?, attempts = attempts + 1
				WHERE id = ? AND ((state = 'pending' AND run_after <= ?) OR (state = 'running' AND claimed_until < ?))
				""").params(worker, SqlTime.text(leaseUntil), id, SqlTime.text(now), SqlTime.text(now)).update();
		if (claimed == 0) {
			return Optional.empty();
		}
		return Optional.of(this.jdbc.sql("SELECT id, kind, payload, attempts FROM jobs WHERE id = ?")
			.param(id)
			.query((row, number) -> new JobRun(row.getLong("id"), row.getString("kind"), row.getString("payload"),
					row.getInt("attempts")))
			.single());
	}

	/** Extends the lease of the jobs a worker holds. */
	int renew(String worker, Instant leaseUntil) {
		return this.jdbc.sql("UPDATE jobs SET claimed_until = ? WHERE state = 'running' AND claimed_by = ?")
			.params(SqlTime.text(leaseUntil), worker)
			.update();
	}

	/** Whether this worker still holds the job (its lease did not pass to another). */
	boolean holds(long id, String worker) {
		return this.jdbc.sql("SELECT count(*) FROM jobs WHERE id = ? AND state = 'running' AND claimed_by = ?")
			.params(id, worker)
			.query(Integer.class)
			.single() > 0;
	}

	boolean finish(long id, String worker, String state, String result, String error, Instant now) {
		return this.jdbc.sql("""
				UPDATE jobs SET state = ?, result = ?, last_error = coalesce(?, last_error), finished_at = ?,
				    claimed_by = NULL, claimed_until = NULL
				WHERE id = ? AND state = 'running' AND claimed_by = ?
				""").params(state, cut(result), cut(error), SqlTime.text(now), id, worker).update() > 0;
	}

	boolean postpone(long id, String worker, Instant runAfter, String error, boolean countAttempt) {
		return this.jdbc.sql("""
				UPDATE jobs SET state = 'pending', run_after = ?, last_error = coalesce(?, last_error),
				    attempts = attempts - ?, claimed_by = NULL, claimed_until = NULL
				WHERE id = ? AND state = 'running' AND claimed_by = ?
				""").params(SqlTime.text(runAfter), cut(error), countAttempt ? 0 : 1, id, worker).update() > 0;
	}

	/** A failed or pending job set to run now, with its attempts counted from nothing. */
	boolean retry(long id, Instant now) {
		return this.jdbc.sql("""
				UPDATE jobs SET state = 'pending', run_after = ?, attempts = 0, finished_at = NULL
				WHERE id = ? AND state IN ('failed', 'pending')
				""").params(SqlTime.text(now), id).update() > 0;
	}

	Optional<Job> find(long id) {
		return this.jdbc.sql("SELECT * FROM jobs WHERE id = ?").param(id).query(JOB).optional();
	}

	List<Job> inState(String state, int limit) {
		String order = (state.equals(Job.PENDING) || state.equals(Job.RUNNING)) ? "run_after, id"
				: "finished_at DESC, id DESC";
		return this.jdbc.sql("SELECT * FROM jobs WHERE state = ? ORDER BY " + order + " LIMIT ?")
			.params(state, limit)
			.query(JOB)
			.list();
	}

	Map<String, Integer> counts() {
		Map<String, Integer> counts = new java.util.LinkedHashMap<>();
		for (String state : List.of(Job.PENDING, Job.RUNNING, Job.DONE, Job.FAILED)) {
			counts.put(state, 0);
		}
		this.jdbc.sql("SELECT state, count(*) AS n FROM jobs GROUP BY state")
			.query((row, number) -> Map.entry(row.getString("state"), row.getInt("n")))
			.list()
			.forEach((entry) -> counts.put(entry.getKey(), entry.getValue()));
		return counts;
	}

	/** The next moment a pending job is due, if any. */
	Optional<Instant> nextDue() {
		return this.jdbc.sql("SELECT min(run_after) FROM jobs WHERE state = 'pending'")
			.query((row, number) -> SqlTime.instant(row.getString(1)))
			.optional();
	}

	int deleteDoneBefore(Instant before) {
		return this.jdbc.sql("DELETE FROM jobs WHERE state = 'done' AND finished_at < ?")
			.param(SqlTime.text(before))
			.update();
	}

	private static String cut(String text) {
		return (text == null || text.length() <= TEXT_MAX) ? text : text.substring(0, TEXT_MAX - 1) + "…";
	}

}
