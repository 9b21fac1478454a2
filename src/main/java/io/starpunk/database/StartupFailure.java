package io.starpunk.database;

/**
 * The server cannot start, for a reason its operator can act on. The message is one line
 * that names the cause (and the backup, when one was made); it is what the process prints
 * before it exits non-zero, without a stack trace.
 */
public class StartupFailure extends RuntimeException {

	private final String reason;

	public StartupFailure(String message) {
		this(message, message);
	}

	StartupFailure(String message, String reason) {
		super(message);
		this.reason = reason;
	}

	/**
	 * The cause alone, without what was done about it.
	 * @return the reason
	 */
	public String reason() {
		return this.reason;
	}

}
