package io.starpunk.backup;

import java.io.IOException;
import java.sql.SQLException;

/**
 * How a backup keeps the database from changing while it copies the database and the note
 * files that go with it: in the server, a transaction that takes its turn with the
 * server's own writes; in a command beside the server, SQLite's write lock held on a
 * connection of its own.
 */
@FunctionalInterface
interface WritePause {

	/**
	 * Runs the work with every write held back, then lets them go.
	 * @param work the work
	 * @throws IOException when the work could not read or write a file
	 * @throws SQLException when the pause could not be had or the work's SQL failed
	 */
	void during(Work work) throws IOException, SQLException;

	/** Work done while writes wait. */
	@FunctionalInterface
	interface Work {

		void run() throws IOException, SQLException;

	}

}
