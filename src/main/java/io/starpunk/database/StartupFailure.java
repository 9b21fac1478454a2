package io.starpunk.database;

/**
 * The server cannot start, for a reason its operator can act on. The message is one line
 * that names the cause (and the backup, when one was made); it is what the process prints
 * before it exits non-zero, without a stack trace.
 */
public class StartupFailure extends RuntimeException {

	public StartupFailure(String message) {
		super(message);
	}

}
