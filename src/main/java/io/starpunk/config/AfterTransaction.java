package io.starpunk.config;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * File changes that follow the fate of the transaction they belong to, for a file and a
 * row that change together: a file is deleted only once the deletion of its row has
 * committed (a failed commit leaves both), and a file written for a row is taken back
 * when that row rolls back (a failed commit leaves neither). Outside a transaction, the
 * commit is taken as done.
 */
public final class AfterTransaction {

	private static final Log log = LogFactory.getLog(AfterTransaction.class);

	private AfterTransaction() {
	}

	/**
	 * Runs once the current transaction has committed. A failure then cannot undo the
	 * commit, so it is logged (the file stays behind, to be found by hand) rather than
	 * thrown.
	 * @param what the change, as the log names it
	 * @param action the change
	 */
	public static void onCommit(String what, Runnable action) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			run(what, action);
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				run(what, action);
			}
		});
	}

	/**
	 * Runs when the current transaction rolls back, its commit failed included; not when
	 * its outcome is unknown (a rollback that failed too), where the file is left as the
	 * row may have committed.
	 * @param what the undoing, as the log names it
	 * @param action the undoing
	 */
	public static void onRollback(String what, Runnable action) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCompletion(int status) {
				if (status == STATUS_ROLLED_BACK) {
					run(what, action);
				}
			}
		});
	}

	private static void run(String what, Runnable action) {
		try {
			action.run();
		}
		catch (RuntimeException ex) {
			log.warn("Could not " + what + " (" + ex.getClass().getSimpleName() + ": " + ex.getMessage() + ")");
		}
	}

}
