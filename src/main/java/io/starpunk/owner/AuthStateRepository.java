package io.starpunk.owner;

import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

import io.starpunk.config.SqlTime;

/**
 * The {@code auth_state} table: one row per IndieAuth sign-in under way, keyed by the
 * SHA-256 hex of its {@code state}, holding the PKCE verifier until the owner comes back.
 * A row is taken (deleted) when it is used, so a state works once. Each write is one
 * statement and its own transaction (joining the caller's, if any), so it takes its turn
 * in the one write queue; the sign-in's outbound requests happen between them, never
 * inside one.
 */
@Repository
class AuthStateRepository {

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	AuthStateRepository(JdbcClient jdbc, TransactionTemplate transactions) {
		this.jdbc = jdbc;
		this.transactions = transactions;
	}

	void insert(String stateHash, Instant now, Instant expiresAt, String redirectUri, String codeVerifier) {
		this.transactions.executeWithoutResult((status) -> this.jdbc.sql("""
				INSERT INTO auth_state (state, created_at, expires_at, redirect_uri, code_verifier)
				VALUES (?, ?, ?, ?, ?)""")
			.params(stateHash, SqlTime.text(now), SqlTime.text(expiresAt), redirectUri, codeVerifier)
			.update());
	}

	/**
	 * Deletes the row and returns its verifier, in one statement, so that of two requests
	 * with the same state only one gets it.
	 * @param stateHash the state's hash
	 * @param now the time
	 * @return the verifier, if the state was live
	 */
	Optional<String> take(String stateHash, Instant now) {
		return this.transactions.execute((status) -> this.jdbc
			.sql("DELETE FROM auth_state WHERE state = ? AND expires_at > ? RETURNING code_verifier")
			.params(stateHash, SqlTime.text(now))
			.query(String.class)
			.optional());
	}

	int deleteExpired(Instant now) {
		Integer deleted = this.transactions
			.execute((status) -> this.jdbc.sql("DELETE FROM auth_state WHERE expires_at <= ?")
				.param(SqlTime.text(now))
				.update());
		return (deleted != null) ? deleted : 0;
	}

}
