package io.starpunk.backup;

/**
 * A backup or a restore that did not happen, with the one line that says why.
 */
class BackupException extends RuntimeException {

	BackupException(String message) {
		super(message);
	}

	BackupException(String message, Throwable cause) {
		super(message, cause);
	}

}
