package io.starpunk.http;

import java.sql.SQLTransientException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Whether a failure is the database not answering just now (another process holds its
 * lock past the busy timeout, the file cannot be opened, no connection could be had),
 * rather than a fault of the request or of this server: such a request is answered 503
 * with {@code Retry-After}, never 500. SQLite's own codes underneath (SQLITE_BUSY,
 * SQLITE_LOCKED, SQLITE_CANTOPEN) reach here as Spring's exceptions through
 * {@code sql-error-codes.xml}.
 */
public final class DatabaseUnavailable {

	/** Seconds a client is asked to wait before it tries again. */
	public static final int RETRY_AFTER_SECONDS = 5;

	private DatabaseUnavailable() {
	}

	/**
	 * Whether a failure, or any of its causes, is the database not answering now.
	 * @param failure what was thrown
	 * @return whether trying again later may work
	 */
	public static boolean causedBy(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof TransientDataAccessException || cause instanceof DataAccessResourceFailureException
					|| cause instanceof CannotCreateTransactionException || cause instanceof SQLTransientException) {
				return true;
			}
		}
		return false;
	}

}
