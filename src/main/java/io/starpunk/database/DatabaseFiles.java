package io.starpunk.database;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.Optional;

/**
 * Checks made on the database file before SQLite opens it, so that a file this server
 * must not touch is refused with its bytes unchanged.
 */
final class DatabaseFiles {

	private static final byte[] SQLITE_HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

	private DatabaseFiles() {
	}

	/**
	 * Refuses a file that is not an SQLite database, and, when the server is to write,
	 * one that is read-only. A missing or empty file passes: SQLite makes a new database.
	 * @param file the database file
	 * @param forWriting whether the server is about to write to it
	 */
	static void checkUsable(Path file, boolean forWriting) {
		if (!Files.exists(file)) {
			return;
		}
		if (!Files.isRegularFile(file)) {
			throw new StartupFailure(file + " is not a regular file; it was left untouched.");
		}
		try {
			if (Files.size(file) == 0) {
				return;
			}
			byte[] header = new byte[SQLITE_HEADER.length];
			int read;
			try (InputStream in = Files.newInputStream(file)) {
				read = in.readNBytes(header, 0, header.length);
			}
			if (read < header.length || !Arrays.equals(header, SQLITE_HEADER)) {
				throw new StartupFailure(file + " is not an SQLite database; it was left untouched."
						+ " Point DATA_PATH at a StarPunk data directory, or move the file away.");
			}
			if (forWriting && isReadOnly(file)) {
				throw new StartupFailure(file + " is read-only; the server needs to write to it and left it untouched."
						+ " Make it writable by the server's user, " + processUser() + " (and the volume read-write).");
			}
		}
		catch (IOException ex) {
			throw new StartupFailure("Cannot read " + file + " (" + ex.getMessage() + "); it was left untouched.");
		}
	}

	/**
	 * Refuses a data directory the server cannot create files in, before anything is
	 * written: the database, its lock file, notes and backups all live there. The usual
	 * cause is a bind-mounted directory owned by another user than the container's.
	 * @param dataPath the data directory, which exists
	 */
	static void checkWritableDirectory(Path dataPath) {
		if (!Files.isDirectory(dataPath)) {
			throw new StartupFailure("DATA_PATH " + dataPath + " is not a directory.");
		}
		try {
			if (!isReadOnly(dataPath)) {
				return;
			}
		}
		catch (IOException ex) {
			throw new StartupFailure("Cannot read DATA_PATH " + dataPath + " (" + ex.getMessage() + ").");
		}
		throw new StartupFailure("DATA_PATH " + dataPath + " is not writable by the server's user, " + processUser()
				+ " (or is on a read-only volume); nothing was changed. Give that user the directory and everything in it (chown -R "
				+ processUid().map((uid) -> uid + ":" + uid).orElse("<uid>:<gid>")
				+ " on the host's directory mounted there), or run the server as the directory's owner"
				+ " (docker run --user <uid>:<gid>).");
	}

	/**
	 * The user this process runs as, by uid (a container's user may have no name).
	 * @return for example {@code uid 10001}
	 */
	static String processUser() {
		return processUid().map((uid) -> "uid " + uid).orElseGet(() -> "user " + System.getProperty("user.name"));
	}

	private static Optional<Integer> processUid() {
		try {
			// the owner of /proc/self is the process's effective uid (Linux)
			return Optional.of((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
		}
		catch (IOException | RuntimeException ex) {
			return Optional.empty();
		}
	}

	/**
	 * Read-only for the process, or marked read-only for its owner: a root process could
	 * write to a file whose owner took the write bit away, but should not.
	 */
	private static boolean isReadOnly(Path file) throws IOException {
		if (!Files.isWritable(file)) {
			return true;
		}
		PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
		return posix != null && !posix.readAttributes().permissions().contains(PosixFilePermission.OWNER_WRITE);
	}

}
