package io.starpunk.backup;

import java.util.List;
import java.util.regex.Pattern;

/**
 * What a backup archive holds, written as its last entry ({@value #ENTRY}): every other
 * entry's path, size and SHA-256, the database's schema version, and when it was taken.
 *
 * @param format the manifest's format, {@value #FORMAT}
 * @param createdAt when the backup was taken, ISO 8601 UTC
 * @param schemaVersion the database's schema version, or {@code null} for a database
 * without one
 * @param entries the entries, database first
 */
record Manifest(int format, String createdAt, String schemaVersion, List<Entry> entries) {

	static final String ENTRY = "manifest.json";

	static final String DATABASE = "starpunk.db";

	static final int FORMAT = 1;

	/**
	 * Paths an entry may have: the database, or a file under {@code notes/} or
	 * {@code media/} named without {@code ..}, empty segments or a backslash.
	 */
	private static final Pattern SAFE_PATH = Pattern.compile("(notes|media)(/[^/\\\\\\x00]+)+");

	Manifest {
		entries = (entries != null) ? List.copyOf(entries) : List.of();
	}

	/**
	 * Whether a path is one a restore may write: nothing outside the data directory.
	 * @param path the entry's path
	 * @return whether it is safe
	 */
	static boolean safePath(String path) {
		if (path == null) {
			return false;
		}
		if (path.equals(DATABASE)) {
			return true;
		}
		if (!SAFE_PATH.matcher(path).matches()) {
			return false;
		}
		for (String segment : path.split("/")) {
			if (segment.equals(".") || segment.equals("..")) {
				return false;
			}
		}
		return true;
	}

	/**
	 * An entry.
	 *
	 * @param path its path in the archive and under the data directory
	 * @param size its length in bytes
	 * @param sha256 the SHA-256 hex of its bytes
	 */
	record Entry(String path, long size, String sha256) {
	}

}
