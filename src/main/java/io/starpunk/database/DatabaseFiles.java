package io.starpunk.database;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;

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
						+ " Make it writable by the user running the server (and the volume read-write).");
			}
		}
		catch (IOException ex) {
			throw new StartupFailure("Cannot read " + file + " (" + ex.getMessage() + "); it was left untouched.");
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
