package io.starpunk.indieauth;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.jdbc.core.simple.JdbcClient;

import io.starpunk.support.RunningServer;
import io.starpunk.support.Sqlite;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Expired codes and tokens are gone once the server has started; live ones stay.
 */
class TokenCleanupTests {

	@TempDir
	Path dataPath;

	@Test
	void startingUpDeletesExpiredCodesAndTokens() throws Exception {
		try (RunningServer first = RunningServer.start(this.dataPath)) {
			JdbcClient jdbc = first.context().getBean(JdbcClient.class);
			for (String[] token : List.of(new String[] { "expired", "2020-01-01 00:00:00" },
					new String[] { "live", "2099-01-01 00:00:00" })) {
				jdbc.sql(
						"""
								INSERT INTO tokens (token_hash, me, client_id, scope, created_at, expires_at)
								VALUES (?, 'https://owner.example/', 'https://app.example/', 'create', '2019-01-01 00:00:00', ?)""")
					.params(token[0], token[1])
					.update();
				jdbc.sql(
						"""
								INSERT INTO refresh_tokens (token_hash, grant_id, me, client_id, scope, created_at, expires_at)
								VALUES (?, 'g', 'https://owner.example/', 'https://app.example/', 'create', '2019-01-01 00:00:00', ?)""")
					.params("refresh-" + token[0], token[1])
					.update();
			}
			jdbc.sql(
					"""
							INSERT INTO authorization_codes (code_hash, me, client_id, redirect_uri, scope, created_at, expires_at)
							VALUES ('old-code', 'https://owner.example/', 'https://app.example/', 'https://app.example/cb',
							    'create', '2020-01-01 00:00:00', '2020-01-01 00:10:00')""")
				.update();
		}
		try (RunningServer second = RunningServer.start(this.dataPath)) {
			Path db = this.dataPath.resolve("starpunk.db");
			assertThat(Sqlite.rows(db, "SELECT token_hash FROM tokens")).extracting((row) -> row.get("token_hash"))
				.containsExactly("live");
			assertThat(Sqlite.rows(db, "SELECT token_hash FROM refresh_tokens"))
				.extracting((row) -> row.get("token_hash"))
				.containsExactly("refresh-live");
			assertThat(Sqlite.rows(db, "SELECT code_hash FROM authorization_codes")).isEmpty();
		}
	}

}
