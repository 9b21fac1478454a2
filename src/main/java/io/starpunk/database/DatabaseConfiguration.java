package io.starpunk.database;

import javax.sql.DataSource;

import org.springframework.boot.web.server.WebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
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

	/**
	 * Makes the web server wait for the database. Spring Boot customises the server
	 * factory before it creates Tomcat, and this customiser needs the {@link DataSource}:
	 * so the upgrade runs, or refuses the data directory, before a port is opened, and a
	 * server that cannot use its data never answers a request (nor a health check).
	 * @param dataSource the upgraded database
	 * @return a customiser that changes nothing
	 */
	@Bean
	WebServerFactoryCustomizer<WebServerFactory> databaseBeforeWebServer(DataSource dataSource) {
		return (factory) -> {
		};
	}

	@Bean
	SerialWrites transactionManager(DataSource dataSource) {
		return new SerialWrites(dataSource);
	}

}
