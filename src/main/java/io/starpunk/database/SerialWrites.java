package io.starpunk.database;

import java.util.concurrent.locks.ReentrantLock;

import javax.sql.DataSource;

import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionDefinition;

/**
 * The transaction manager: every transaction of this server writes (reads run outside
 * transactions), and SQLite has one writer at a time, so transactions take their turn
 * here, first come first served, before they ask SQLite for the write lock. Left to
 * SQLite, waiting writers poll with growing sleeps and the unlucky one can wait past the
 * busy timeout while others overtake it; in this queue a write waits only for the writes
 * ahead of it. Another process writing to the same file is still waited for by SQLite's
 * busy timeout.
 */
class SerialWrites extends JdbcTransactionManager {

	private final ReentrantLock turn = new ReentrantLock(true);

	SerialWrites(DataSource dataSource) {
		super(dataSource);
	}

	@Override
	protected void doBegin(Object transaction, TransactionDefinition definition) {
		this.turn.lock();
		try {
			super.doBegin(transaction, definition);
		}
		catch (RuntimeException | Error ex) {
			this.turn.unlock();
			throw ex;
		}
	}

	@Override
	protected void doCleanupAfterCompletion(Object transaction) {
		try {
			super.doCleanupAfterCompletion(transaction);
		}
		finally {
			this.turn.unlock();
		}
	}

}
