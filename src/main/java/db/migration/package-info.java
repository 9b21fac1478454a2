/**
 * Flyway Java migrations: schema steps that need logic, beside the SQL migrations in
 * {@code src/main/resources/db/migration}.
 */
package db.migration;
