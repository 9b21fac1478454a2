package io.starpunk.support;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;

import io.starpunk.config.Sha256;
import io.starpunk.config.SqlTime;

/**
 * Access tokens as the token endpoint stores them: the SHA-256 of the token in
 * {@code tokens}, valid for a day.
 */
public final class TestTokens {

	private TestTokens() {
	}

	public static void insert(Path dataPath, String token, String me, String scope) throws Exception {
		Instant now = Instant.now();
		try (Connection connection = Sqlite.open(dataPath.resolve("starpunk.db"));
				PreparedStatement insert = connection.prepareStatement("""
						INSERT INTO tokens (token_hash, me, client_id, scope, created_at, expires_at)
						VALUES (?, ?, 'https://app.example/', ?, ?, ?)""")) {
			insert.setString(1, Sha256.hex(token));
			insert.setString(2, me);
			insert.setString(3, scope);
			insert.setString(4, SqlTime.text(now));
			insert.setString(5, SqlTime.text(now.plus(Duration.ofDays(1))));
			insert.executeUpdate();
		}
	}

}
