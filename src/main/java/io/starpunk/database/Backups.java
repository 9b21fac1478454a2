package io.starpunk.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Consistent copies of the database, taken before the upgrade changes it:
 * {@code DATA_PATH/backups/starpunk-<UTC timestamp>-before-<version>.db}, readable by the
 * owner only; the newest {@value #KEEP} are kept.
 */
final class Backups {

	static final int KEEP = 5;

	static final Pattern NAME = Pattern.compile("starpunk-\\d{8}T\\d{6}Z(-\\d+)?-before-[0-9.]+\\.db");

	private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
		.withZone(ZoneOffset.UTC);

	private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");

	private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");

	private Backups() {
	}

	static Path directory(Path dataPath) {
		return dataPath.resolve("backups");
	}

	static String fileName(Instant now, String targetVersion) {
		return "starpunk-" + TIMESTAMP.format(now) + "-before-" + targetVersion + ".db";
	}

	/**
	 * Writes a consistent copy of the connection's database with {@code VACUUM INTO}
	 * (SQLite's own snapshot, safe on a live database), then keeps the newest
	 * {@value #KEEP}.
	 * @param connection a connection in autocommit mode
	 * @param dataPath the data directory
	 * @param now the time to name it by
	 * @param targetVersion the schema version the upgrade is about to reach
	 * @return the backup file
	 * @throws SQLException if SQLite cannot write the copy
	 */
	static Path write(Connection connection, Path dataPath, Instant now, String targetVersion) throws SQLException {
		Path directory = directory(dataPath);
		Path file = createOwnerOnlyFile(directory, fileName(now, targetVersion));
		try (PreparedStatement vacuum = connection.prepareStatement("VACUUM INTO ?")) {
			vacuum.setString(1, file.toString());
			vacuum.execute();
		}
		catch (SQLException ex) {
			deleteQuietly(file);
			throw ex;
		}
		prune(directory);
		return file;
	}

	/** Deletes all but the newest {@value #KEEP} backups (by time written, then name). */
	static void prune(Path directory) {
		try (Stream<Path> files = Files.list(directory)) {
			List<Path> backups = files.filter((file) -> NAME.matcher(file.getFileName().toString()).matches())
				.sorted(Comparator.comparing(Backups::modified).thenComparing(Path::getFileName).reversed())
				.toList();
			backups.stream().skip(KEEP).forEach(Backups::deleteQuietly);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Path createOwnerOnlyFile(Path directory, String name) {
		try {
			if (!Files.isDirectory(directory)) {
				Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
			}
			String stem = name.substring(0, name.indexOf("-before-"));
			String rest = name.substring(stem.length());
			for (int attempt = 1;; attempt++) {
				Path file = directory.resolve((attempt == 1) ? name : stem + "-" + attempt + rest);
				try {
					return Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
				}
				catch (FileAlreadyExistsException ex) {
					// two upgrades in one second: take the next name
				}
			}
		}
		catch (IOException ex) {
			throw new StartupFailure("Cannot write a backup into " + directory + " (" + ex.getMessage()
					+ "); the database was not changed.");
		}
	}

	private static FileTime modified(Path file) {
		try {
			return Files.getLastModifiedTime(file);
		}
		catch (IOException ex) {
			return FileTime.fromMillis(0);
		}
	}

	private static void deleteQuietly(Path file) {
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			// left for the next prune
		}
	}

}
