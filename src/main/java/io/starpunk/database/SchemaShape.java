package io.starpunk.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The shape of an SQLite schema as SQLite itself reports it ({@code sqlite_master},
 * {@code PRAGMA table_info}, {@code index_list}, {@code index_xinfo}): tables with their
 * columns and constraints, and explicit indexes. Two databases whose shapes have equal
 * {@link #describe() descriptions} have the same tables, columns (name, type, NOT NULL,
 * default, primary key), unique constraints and indexes, whatever text created them.
 *
 * @param tables the tables by name, internal {@code sqlite_} tables left out
 * @param indexes the explicit indexes by name (constraint indexes belong to their table)
 */
public record SchemaShape(Map<String, Table> tables, Map<String, Index> indexes) {

	private static final Pattern AUTOINCREMENT = Pattern.compile("\\bAUTOINCREMENT\\b", Pattern.CASE_INSENSITIVE);

	/**
	 * Reads the shape of the main database of a connection; reads only.
	 * @param connection an open connection
	 * @return the shape
	 * @throws SQLException if SQLite cannot be read
	 */
	public static SchemaShape read(Connection connection) throws SQLException {
		Map<String, Table> tables = new LinkedHashMap<>();
		Map<String, Index> indexes = new LinkedHashMap<>();
		List<String[]> objects = new ArrayList<>();
		try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery("""
				SELECT type, name, tbl_name, sql FROM sqlite_master
				WHERE type IN ('table', 'index') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
				ORDER BY type DESC, name
				""")) {
			while (rows.next()) {
				objects
					.add(new String[] { rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4) });
			}
		}
		for (String[] object : objects) {
			if (object[0].equals("table")) {
				tables.put(object[1], readTable(connection, object[1], object[3]));
			}
			else if (object[3] != null) {
				indexes.put(object[1], readIndex(connection, object[1], object[2], object[3]));
			}
		}
		return new SchemaShape(tables, indexes);
	}

	/**
	 * This shape without some tables (and their indexes), for comparing a database with
	 * history tables to one without.
	 * @param tableNames the tables to leave out
	 * @return a smaller shape
	 */
	public SchemaShape without(String... tableNames) {
		Set<String> left = Set.of(tableNames);
		Map<String, Table> keptTables = new LinkedHashMap<>(this.tables);
		keptTables.keySet().removeAll(left);
		Map<String, Index> keptIndexes = new LinkedHashMap<>(this.indexes);
		keptIndexes.values().removeIf((index) -> left.contains(index.table()));
		return new SchemaShape(keptTables, keptIndexes);
	}

	public Table table(String name) {
		return this.tables.get(name);
	}

	public List<Index> indexesOn(String table) {
		return this.indexes.values().stream().filter((index) -> index.table().equals(table)).toList();
	}

	/**
	 * One line a table and an index, sorted: equal descriptions mean equal schemas.
	 * @return the description
	 */
	public List<String> describe() {
		Set<String> lines = new TreeSet<>();
		this.tables.values().forEach((table) -> lines.add(table.definition()));
		this.indexes.values().forEach((index) -> lines.add(index.definition()));
		return List.copyOf(lines);
	}

	private static Table readTable(Connection connection, String name, String sql) throws SQLException {
		List<Column> columns = new ArrayList<>();
		try (PreparedStatement statement = connection.prepareStatement("SELECT * FROM pragma_table_info(?)")) {
			statement.setString(1, name);
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					columns.add(new Column(rows.getString("name"), rows.getString("type").toUpperCase(Locale.ROOT),
							rows.getInt("notnull") == 1, rows.getString("dflt_value"), rows.getInt("pk")));
				}
			}
		}
		Set<String> constraints = new TreeSet<>();
		for (String[] index : indexList(connection, name)) {
			if (!index[2].equals("c")) {
				constraints.add(index[2] + (index[1].equals("1") ? " unique" : "") + keyColumns(connection, index[0]));
			}
		}
		boolean autoincrement = sql != null && AUTOINCREMENT.matcher(sql).find();
		return new Table(name, sql, columns, constraints, autoincrement);
	}

	private static Index readIndex(Connection connection, String name, String table, String sql) throws SQLException {
		boolean unique = false;
		boolean partial = false;
		for (String[] index : indexList(connection, table)) {
			if (index[0].equals(name)) {
				unique = index[1].equals("1");
				partial = index[3].equals("1");
			}
		}
		return new Index(name, table, sql, unique, partial, keyColumns(connection, name));
	}

	/** Rows of {@code index_list}: name, unique, origin, partial. */
	private static List<String[]> indexList(Connection connection, String table) throws SQLException {
		List<String[]> result = new ArrayList<>();
		try (PreparedStatement statement = connection
			.prepareStatement("SELECT name, \"unique\", origin, partial FROM pragma_index_list(?)")) {
			statement.setString(1, table);
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					result.add(new String[] { rows.getString(1), rows.getString(2), rows.getString(3),
							rows.getString(4) });
				}
			}
		}
		return result;
	}

	private static String keyColumns(Connection connection, String index) throws SQLException {
		List<String> columns = new ArrayList<>();
		try (PreparedStatement statement = connection
			.prepareStatement("SELECT name, \"desc\", coll FROM pragma_index_xinfo(?) WHERE key = 1 ORDER BY seqno")) {
			statement.setString(1, index);
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					String collation = rows.getString(3);
					columns.add(Objects.requireNonNullElse(rows.getString(1), "<expression>")
							+ (rows.getInt(2) == 1 ? " DESC" : "")
							+ ("BINARY".equalsIgnoreCase(collation) ? "" : " COLLATE " + collation));
				}
			}
		}
		return columns.stream().collect(Collectors.joining(", ", "(", ")"));
	}

	/**
	 * A column as {@code PRAGMA table_info} reports it.
	 *
	 * @param name the column name
	 * @param type the declared type, upper case
	 * @param notNull whether it is NOT NULL
	 * @param defaultValue the default's SQL text, or {@code null}
	 * @param primaryKeyPosition 1-based position in the primary key, 0 if not in it
	 */
	public record Column(String name, String type, boolean notNull, String defaultValue, int primaryKeyPosition) {

		String definition() {
			return this.name + " " + this.type + (this.notNull ? " NOT NULL" : "")
					+ (this.defaultValue != null ? " DEFAULT " + this.defaultValue : "")
					+ (this.primaryKeyPosition > 0 ? " PK" + this.primaryKeyPosition : "");
		}

	}

	/**
	 * A table.
	 *
	 * @param name its name
	 * @param sql the statement SQLite keeps for it
	 * @param columns its columns in order
	 * @param constraints its unique and primary key constraints that SQLite backs with an
	 * index, as {@code origin [unique](columns)}
	 * @param autoincrement whether its rowid is AUTOINCREMENT
	 */
	public record Table(String name, String sql, List<Column> columns, Set<String> constraints, boolean autoincrement) {

		public String definition() {
			return "table " + this.name + " ["
					+ this.columns.stream().map(Column::definition).collect(Collectors.joining(", ")) + "]"
					+ (this.constraints.isEmpty() ? "" : " " + this.constraints)
					+ (this.autoincrement ? " AUTOINCREMENT" : "");
		}

		public boolean sameDefinition(Table other) {
			return other != null && definition().equals(other.definition());
		}

		public List<String> columnNames() {
			return this.columns.stream().map(Column::name).toList();
		}

		public boolean hasColumn(String column) {
			return columnNames().contains(column);
		}

		public Column column(String column) {
			return this.columns.stream().filter((c) -> c.name().equals(column)).findFirst().orElse(null);
		}

	}

	/**
	 * An explicit index.
	 *
	 * @param name its name
	 * @param table its table
	 * @param sql the statement that created it
	 * @param unique whether it is unique
	 * @param partial whether it has a WHERE clause
	 * @param columns its key columns, as {@code (a, b DESC)}
	 */
	public record Index(String name, String table, String sql, boolean unique, boolean partial, String columns) {

		public String definition() {
			return "index " + this.name + " on " + this.table + this.columns + (this.unique ? " UNIQUE" : "")
					+ (this.partial ? " WHERE " + this.sql.replaceAll("(?is).*\\bWHERE\\b", "").strip() : "");
		}

		public boolean sameDefinition(Index other) {
			return other != null && definition().equals(other.definition());
		}

	}

}
