package io.starpunk.database;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.jdbc.core.simple.JdbcClient;

import io.starpunk.support.LegacyFixtures;
import io.starpunk.support.RunningServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * StarPunk 1.0.0-rc.1's crash, replayed: beans that query {@code tokens.token_hash} as
 * soon as they are constructed, started on the v0.9.5 database where that column does not
 * exist until V002 has run. They can only succeed if the upgrade finished first,
 * whichever way they reach the database.
 */
class StartupOrderTests {

	@Test
	void beansThatQueryInTheirConstructorSeeTheMigratedSchema(@TempDir Path temp) {
		Path dataPath = LegacyFixtures.copy("v0.9.5", temp);
		try (RunningServer server = RunningServer.start(dataPath,
				List.of(DataSourceProbe.class, JdbcClientProbe.class))) {
			assertThat(server.context().getBean(DataSourceProbe.class).liveTokens).isZero();
			assertThat(server.context().getBean(JdbcClientProbe.class).liveTokens).isZero();
			assertThat(server.get("/health").statusCode()).isEqualTo(200);
		}
	}

	/** A class that takes the DataSource directly, outside anything Spring detects. */
	static class DataSourceProbe {

		final int liveTokens;

		DataSourceProbe(DataSource dataSource) throws SQLException {
			try (Connection connection = dataSource.getConnection();
					Statement statement = connection.createStatement();
					ResultSet rows = statement
						.executeQuery("SELECT count(token_hash) FROM tokens WHERE revoked_at IS NULL")) {
				rows.next();
				this.liveTokens = rows.getInt(1);
			}
		}

	}

	/** A repository-like class on JdbcClient. */
	static class JdbcClientProbe {

		final int liveTokens;

		JdbcClientProbe(JdbcClient jdbc) {
			this.liveTokens = jdbc.sql("SELECT count(*) FROM tokens WHERE token_hash IS NOT NULL")
				.query(Integer.class)
				.single();
		}

	}

}
