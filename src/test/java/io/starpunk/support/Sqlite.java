package io.starpunk.support;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.starpunk.database.SchemaShape;

/**
 * Reads a database file from a test, outside the application: its schema shape and rows.
 */
public final class Sqlite {

	private Sqlite() {
	}

	public static Connection open(Path databaseFile) throws SQLException {
		return DriverManager.getConnection("jdbc:sqlite:" + databaseFile);
	}

	public static SchemaShape shape(Path databaseFile) throws SQLException {
		try (Connection connection = open(databaseFile)) {
			return SchemaShape.read(connection);
		}
	}

	/**
	 * Runs statements on a database file: data changes written in a test, or a script
	 * from {@code src/test/resources} (schema changes live only there, not in test code).
	 * @param databaseFile the file
	 * @param sql one or more statements
	 * @throws SQLException if a statement fails
	 */
	public static void execute(Path databaseFile, String sql) throws SQLException {
		try (Connection connection = open(databaseFile); Statement statement = connection.createStatement()) {
			statement.executeUpdate(sql);
		}
	}

	/**
	 * Runs a script from the test resources on a database file.
	 * @param databaseFile the file
	 * @param resource the script's class path resource, such as
	 * {@code /starpunk-legacy/derived/x.sql}
	 * @throws SQLException if a statement fails
	 */
	public static void script(Path databaseFile, String resource) throws SQLException {
		try (var in = Sqlite.class.getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalArgumentException("No resource " + resource);
			}
			execute(databaseFile, new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	/**
	 * Every row of a query, as ordered column-to-value maps rendered as text.
	 * @param databaseFile the file
	 * @param sql a query
	 * @return the rows
	 * @throws SQLException if the query fails
	 */
	public static List<Map<String, String>> rows(Path databaseFile, String sql) throws SQLException {
		try (Connection connection = open(databaseFile);
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(sql)) {
			List<Map<String, String>> rows = new ArrayList<>();
			while (result.next()) {
				Map<String, String> row = new java.util.LinkedHashMap<>();
				for (int i = 1; i <= result.getMetaData().getColumnCount(); i++) {
					row.put(result.getMetaData().getColumnLabel(i), result.getString(i));
				}
				rows.add(row);
			}
			return rows;
		}
	}

}
