package io.starpunk.webmention;

import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.starpunk.config.SqlTime;

/**
 * The {@code webmention_requests} table: each accepted request and what became of it.
 * Every method that writes runs inside a transaction.
 */
@Repository
class RequestRepository {

	/** The longest reason kept. */
	static final int REASON_MAX = 500;

	private static final RowMapper<WebmentionRequest> REQUEST = (row, number) -> new WebmentionRequest(
			row.getString("id"), row.getString("source"), row.getString("target"), row.getString("state"),
			row.getString("reason"), SqlTime.instant(row.getString("received_at")),
			SqlTime.instant(row.getString("checked_at")));

	private final JdbcClient jdbc;

	RequestRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(String id, String source, String target, String host, Instant now) {
		this.jdbc.sql("""
				INSERT INTO webmention_requests (id, source, target, source_host, state, received_at)
				VALUES (?, ?, ?, ?, 'queued', ?)
				""").params(id, source, target, host, SqlTime.text(now)).update();
	}

	Optional<WebmentionRequest> find(String id) {
		return this.jdbc
			.sql("SELECT id, source, target, state, reason, received_at, checked_at"
					+ " FROM webmention_requests WHERE id = ?")
			.param(id)
			.query(REQUEST)
			.optional();
	}

	/**
	 * Settles every queued request of a source and target (a resend joins the one job).
	 */
	void settle(String source, String target, String state, String reason, Instant now) {
		String kept = (reason != null && reason.length() > REASON_MAX) ? reason.substring(0, REASON_MAX) : reason;
		this.jdbc.sql("""
				UPDATE webmention_requests SET state = ?, reason = ?, checked_at = ?
				WHERE source = ? AND target = ? AND state = 'queued'
				""").params(state, kept, SqlTime.text(now), source, target).update();
	}

	/** Forgets requests received before a moment. */
	int forgetBefore(Instant moment) {
		return this.jdbc.sql("DELETE FROM webmention_requests WHERE received_at < ?")
			.param(SqlTime.text(moment))
			.update();
	}

	/**
	 * One request.
	 *
	 * @param id its random id
	 * @param source the source
	 * @param target the target
	 * @param state {@code queued}, {@code verified}, {@code refused} or {@code removed}
	 * @param reason why, when refused or removed
	 * @param receivedAt when it came
	 * @param checkedAt when it was checked, or {@code null}
	 */
	record WebmentionRequest(String id, String source, String target, String state, String reason, Instant receivedAt,
			Instant checkedAt) {
	}

}
