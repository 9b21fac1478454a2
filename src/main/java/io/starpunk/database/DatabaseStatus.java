package io.starpunk.database;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Whether the database answers, and at which schema version, for the health check.
 */
@Component
public class DatabaseStatus {

	private final JdbcClient jdbc;

	DatabaseStatus(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Asks the database for its schema version.
	 * @return the status; not reachable if the query failed
	 */
	public Status check() {
		try {
			String version = this.jdbc.sql("""
					SELECT version FROM flyway_schema_history
					WHERE success = 1 AND version IS NOT NULL
					ORDER BY installed_rank DESC LIMIT 1
					""").query(String.class).optional().orElse(null);
			return new Status(true, version);
		}
		catch (DataAccessException ex) {
			return new Status(false, null);
		}
	}

	/**
	 * @param reachable whether the database answered
	 * @param schemaVersion the latest applied schema version, if it answered
	 */
	public record Status(boolean reachable, String schemaVersion) {
	}

}
