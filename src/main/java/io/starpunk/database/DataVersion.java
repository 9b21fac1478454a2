package io.starpunk.database;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.OptionalLong;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import io.starpunk.config.StarpunkSettings;

/**
 * SQLite's {@code PRAGMA data_version} on a connection of its own, kept open: the number
 * changes whenever another connection, of this process or any other, commits a change to
 * the database file. Reading it costs no I/O when nothing changed, so it can be polled.
 */
@Component
public class DataVersion implements DisposableBean {

	private final StarpunkSettings settings;

	private Connection connection;

	DataVersion(StarpunkSettings settings) {
		this.settings = settings;
	}

	/**
	 * The database's data version as this connection sees it now.
	 * @return the version, or empty when the database cannot be read at the moment (the
	 * connection is opened again on the next call)
	 */
	public synchronized OptionalLong read() {
		try {
			if (this.connection == null) {
				this.connection = SqliteConnections.openReadOnly(this.settings);
			}
			try (Statement statement = this.connection.createStatement();
					ResultSet result = statement.executeQuery("PRAGMA data_version")) {
				return result.next() ? OptionalLong.of(result.getLong(1)) : OptionalLong.empty();
			}
		}
		catch (SQLException ex) {
			close();
			return OptionalLong.empty();
		}
	}

	@Override
	public synchronized void destroy() {
		close();
	}

	private void close() {
		if (this.connection != null) {
			try {
				this.connection.close();
			}
			catch (SQLException ex) {
				// closing a connection that failed; nothing is left to do
			}
			this.connection = null;
		}
	}

}
