package io.starpunk.owner;

import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.starpunk.config.SqlTime;

/**
 * The {@code sessions} table. It holds only the SHA-256 hex of each session cookie, the
 * scheme StarPunk used from 0.4 on, so its sessions keep working here.
 */
@Repository
class SessionRepository {

	private final JdbcClient jdbc;

	SessionRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(String tokenHash, String me, Instant now, Instant expiresAt, String userAgent) {
		this.jdbc.sql("""
				INSERT INTO sessions (session_token_hash, me, created_at, expires_at, last_used_at, user_agent)
				VALUES (?, ?, ?, ?, ?, ?)""")
			.params(tokenHash, me, SqlTime.text(now), SqlTime.text(expiresAt), SqlTime.text(now), userAgent)
			.update();
	}

	Optional<Session> findActive(String tokenHash, Instant now) {
		return this.jdbc.sql("""
				SELECT id, me, expires_at FROM sessions
				WHERE session_token_hash = ? AND expires_at > ?""")
			.params(tokenHash, SqlTime.text(now))
			.query((row, number) -> new Session(row.getLong("id"), row.getString("me"),
					SqlTime.instant(row.getString("expires_at"))))
			.optional();
	}

	void extend(long id, Instant now, Instant expiresAt) {
		this.jdbc.sql("UPDATE sessions SET expires_at = ?, last_used_at = ? WHERE id = ?")
			.params(SqlTime.text(expiresAt), SqlTime.text(now), id)
			.update();
	}

	void delete(String tokenHash) {
		this.jdbc.sql("DELETE FROM sessions WHERE session_token_hash = ?").param(tokenHash).update();
	}

	int deleteExpired(Instant now) {
		return this.jdbc.sql("DELETE FROM sessions WHERE expires_at <= ?").param(SqlTime.text(now)).update();
	}

	/**
	 * A live session.
	 *
	 * @param id the row
	 * @param me whom it was issued to
	 * @param expiresAt when it ends unless used again
	 */
	record Session(long id, String me, Instant expiresAt) {
	}

}
