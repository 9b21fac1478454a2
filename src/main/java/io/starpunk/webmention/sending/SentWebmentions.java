package io.starpunk.webmention.sending;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.starpunk.config.SqlTime;

/**
 * The {@code sent_webmentions} table: every target a note has notified, the URL it was
 * notified from, and what the last webmention to it brought (the endpoint, its status).
 */
@Repository
class SentWebmentions {

	private final JdbcClient jdbc;

	SentWebmentions(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Whether a note has ever had a target to notify. */
	boolean any(long noteId) {
		return this.jdbc.sql("SELECT count(*) FROM sent_webmentions WHERE note_id = ?")
			.param(noteId)
			.query(Integer.class)
			.single() > 0;
	}

	/** The targets a note has notified, in the order they were first recorded. */
	List<Target> targets(long noteId) {
		return this.jdbc.sql("SELECT target, source FROM sent_webmentions WHERE note_id = ? ORDER BY rowid")
			.param(noteId)
			.query((row, number) -> new Target(row.getString("target"), row.getString("source")))
			.list();
	}

	/** Records a target the note notifies (again), from a source URL. */
	void remember(long noteId, URI source, URI target) {
		this.jdbc.sql("""
				INSERT INTO sent_webmentions (note_id, target, source) VALUES (?, ?, ?)
				ON CONFLICT (note_id, target) DO UPDATE SET source = excluded.source
				""").params(noteId, target.toString(), source.toString()).update();
	}

	/** Records what the last webmention to a target brought. */
	void sent(long noteId, URI target, URI endpoint, Integer status, Instant at) {
		this.jdbc
			.sql("UPDATE sent_webmentions SET endpoint = ?, status = ?, sent_at = ? WHERE note_id = ? AND target = ?")
			.params((endpoint != null) ? endpoint.toString() : null, status, SqlTime.text(at), noteId,
					target.toString())
			.update();
	}

	/**
	 * A target a note notified.
	 *
	 * @param target the target's URL
	 * @param source the note's URL it was notified from, or {@code null} when not known
	 */
	record Target(String target, String source) {
	}

}
