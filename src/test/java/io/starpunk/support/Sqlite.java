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
