package io.starpunk.database;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Runs all of an upgrade in one SQLite transaction. Flyway commits after creating its
 * history table, after the baseline row and after each migration; on a database it is
 * adopting, a failure halfway would leave its history behind. The {@link #view() view}
 * given to Flyway turns its commits into no-ops and remembers any rollback, so that the
 * whole upgrade is committed once, by {@link #commit()}, or not at all.
 */
final class SingleTransaction {

	private final Connection connection;

	private boolean rollbackRequested;

	private boolean viewAutoCommit = true;

	/**
	 * Begins the transaction ({@code BEGIN IMMEDIATE}: the write lock is taken now).
	 * @param connection a connection in autocommit mode
	 * @throws SQLException if the write lock cannot be had within the busy timeout
	 */
	SingleTransaction(Connection connection) throws SQLException {
		this.connection = connection;
		connection.setAutoCommit(false);
	}

	Connection view() {
		return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
				new Class<?>[] { Connection.class }, (proxy, method, args) -> switch (method.getName()) {
					case "commit", "close" -> null;
					case "setAutoCommit" -> {
						this.viewAutoCommit = (boolean) args[0];
						yield null;
					}
					case "getAutoCommit" -> this.viewAutoCommit;
					case "rollback" -> {
						if (args == null || args.length == 0) {
							this.rollbackRequested = true;
							yield null;
						}
						yield invoke(method, args);
					}
					default -> invoke(method, args);
				});
	}

	void commit() throws SQLException {
		if (this.rollbackRequested) {
			throw new SQLException("the migration tool rolled back part of the upgrade");
		}
		this.connection.commit();
		this.connection.setAutoCommit(true);
	}

	void rollback() throws SQLException {
		this.connection.rollback();
		this.connection.setAutoCommit(true);
	}

	private Object invoke(java.lang.reflect.Method method, Object[] args) throws Throwable {
		try {
			return method.invoke(this.connection, args);
		}
		catch (InvocationTargetException ex) {
			throw ex.getCause();
		}
	}

}
