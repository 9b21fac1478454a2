package io.starpunk.database;

import javax.sql.DataSource;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.starpunk.config.StarpunkSettings;

/**
 * The application's one {@link DataSource}. Its factory method runs the upgrade first:
 * the schema is current before this bean exists, so no bean that needs a DataSource
 * (JdbcClient, repositories, services, scheduled jobs, or a class that takes the
 * DataSource directly) can run a query against an old schema, however it is wired.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

	@Bean
	DataSource dataSource(DatabaseUpgrade upgrade, StarpunkSettings settings) {
		upgrade.upgrade();
		return SqliteConnections.pool(settings);
	}

	@Bean
	SerialWrites transactionManager(DataSource dataSource) {
		return new SerialWrites(dataSource);
	}

}
