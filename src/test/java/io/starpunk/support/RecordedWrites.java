package io.starpunk.support;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Every data change the application's {@link DataSource} executes ({@code INSERT},
 * {@code UPDATE}, {@code DELETE}, {@code REPLACE}, or a {@code WITH} that leads to one),
 * with whether its connection was in autocommit mode at that moment: a write in
 * autocommit mode ran outside a transaction, so outside the one write queue. Pass
 * {@link Wiring} to {@link RunningServer#start} and read the bean of this class.
 * <p>
 * The upgrade (Flyway) runs on its own connection before the DataSource exists, so it is
 * not seen here; everything after, start-up jobs included, is.
 */
public final class RecordedWrites implements BeanPostProcessor {

	/**
	 * A write.
	 *
	 * @param sql its statement
	 * @param autocommit whether it ran outside a transaction
	 * @param thread the thread that ran it
	 */
	public record Write(String sql, boolean autocommit, String thread) {
	}

	private static final Set<String> WRITES = Set.of("INSERT", "UPDATE", "DELETE", "REPLACE");

	private final Queue<Write> writes = new ConcurrentLinkedQueue<>();

	/** Every write so far, oldest first. */
	public List<Write> all() {
		return List.copyOf(this.writes);
	}

	/** The writes that ran outside a transaction. */
	public List<Write> outsideTransactions() {
		return this.writes.stream().filter(Write::autocommit).toList();
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		return (bean instanceof DataSource dataSource && !(bean instanceof Recording)) ? new Recording(dataSource, this)
				: bean;
	}

	static boolean isWrite(String sql) {
		if (sql == null) {
			return false;
		}
		String text = sql.stripLeading().toUpperCase(Locale.ROOT);
		String first = text.split("[\\s(]", 2)[0];
		if (first.equals("WITH")) {
			return WRITES.stream().anyMatch((keyword) -> text.matches("(?s).*\\b" + keyword + "\\b.*"));
		}
		return WRITES.contains(first);
	}

	private void executed(Connection connection, String sql) throws SQLException {
		if (isWrite(sql)) {
			this.writes.add(new Write(sql.strip(), connection.getAutoCommit(), Thread.currentThread().getName()));
		}
	}

	private Connection connection(Connection target) {
		return (Connection) Proxy.newProxyInstance(RecordedWrites.class.getClassLoader(),
				new Class<?>[] { Connection.class }, (proxy, method, args) -> {
					Object result = invoke(target, method, args);
					if (result instanceof PreparedStatement prepared && args != null && args[0] instanceof String sql) {
						return statement(target, prepared, PreparedStatement.class, sql);
					}
					if (result instanceof Statement statement && method.getName().equals("createStatement")) {
						return statement(target, statement, Statement.class, null);
					}
					return result;
				});
	}

	private Object statement(Connection connection, Statement target, Class<?> type, String preparedSql) {
		return Proxy.newProxyInstance(RecordedWrites.class.getClassLoader(), new Class<?>[] { type },
				(proxy, method, args) -> {
					if (method.getName().startsWith("execute")) {
						if (args != null && args.length > 0 && args[0] instanceof String sql) {
							executed(connection, sql);
						}
						else if (preparedSql != null) {
							executed(connection, preparedSql);
						}
					}
					return invoke(target, method, args);
				});
	}

	private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
		try {
			return method.invoke(target, args);
		}
		catch (InvocationTargetException ex) {
			throw ex.getCause();
		}
	}

	/** The application's DataSource, whose connections record what they write. */
	static final class Recording extends DelegatingDataSource implements AutoCloseable {

		private final RecordedWrites writes;

		Recording(DataSource target, RecordedWrites writes) {
			super(target);
			this.writes = writes;
		}

		@Override
		public Connection getConnection() throws SQLException {
			return this.writes.connection(obtainTargetDataSource().getConnection());
		}

		@Override
		public Connection getConnection(String username, String password) throws SQLException {
			return this.writes.connection(obtainTargetDataSource().getConnection(username, password));
		}

		@Override
		public void close() throws Exception {
			if (obtainTargetDataSource() instanceof AutoCloseable closeable) {
				closeable.close();
			}
		}

	}

	/** The configuration class to start a server with. */
	@Configuration(proxyBeanMethods = false)
	public static class Wiring {

		@Bean
		static RecordedWrites recordedWrites() {
			return new RecordedWrites();
		}

	}

}
