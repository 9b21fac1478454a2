package io.starpunk.indieauth;

import java.time.Clock;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.starpunk.config.SqlTime;

/**
 * Revokes grants in the database: every access and refresh token that carries the grant's
 * id.
 */
@Component
class GrantStore implements GrantRevocation {

	private final JdbcClient jdbc;

	private final Clock clock;

	GrantStore(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Override
	public void revokeGrant(String grantId) {
		String now = SqlTime.text(this.clock.instant());
		this.jdbc.sql("UPDATE tokens SET revoked_at = ? WHERE grant_id = ? AND revoked_at IS NULL")
			.params(now, grantId)
			.update();
		this.jdbc.sql("UPDATE refresh_tokens SET revoked_at = ? WHERE grant_id = ? AND revoked_at IS NULL")
			.params(now, grantId)
			.update();
	}

}
