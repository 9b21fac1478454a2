package io.starpunk.backup;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

import io.starpunk.config.DurableFiles;
import io.starpunk.config.StarpunkSettings;
import io.starpunk.database.DatabaseSnapshots;

/**
 * Writes one backup archive, a ZIP file: a consistent copy of the database
 * ({@code VACUUM INTO}) and the note files, both taken while writes wait, then the media
 * files, then {@value Manifest#ENTRY} with each entry's size and SHA-256. It is written
 * under a hidden temporary name in the same folder, flushed to disk and renamed when
 * complete, so no half archive ever has an archive's name. The archive is readable by its
 * owner only: it holds the database, hashed tokens included.
 */
@Component
class BackupWriter {

	private static final Log log = LogFactory.getLog(BackupWriter.class);

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final int BUFFER_BYTES = 64 * 1024;

	private final StarpunkSettings settings;

	private final Clock clock;

	BackupWriter(StarpunkSettings settings, Clock clock) {
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * The default folder of archives, {@code DATA_PATH/backups}.
	 * @return the folder
	 */
	Path defaultDirectory() {
		return this.settings.dataPath().resolve("backups");
	}

	/**
	 * Writes an archive.
	 * @param directory the folder to write it into, made when missing
	 * @param scheduled whether it is the schedule's (named so)
	 * @param pause how writes are held back while the database and notes are copied
	 * @return what was written
	 * @throws BackupException when no archive could be written (nothing is left behind)
	 */
	Written write(Path directory, boolean scheduled, WritePause pause) {
		Path database = this.settings.databaseFile();
		if (!Files.isRegularFile(database)) {
			throw new BackupException("There is no database at " + database
					+ "; nothing was backed up (is DATA_PATH the server's data directory?)");
		}
		Instant now = this.clock.instant();
		Path partial = null;
		Path snapshot = null;
		try {
			createOwnerOnlyDirectory(directory);
			partial = Files.createTempFile(directory, ".starpunk-backup-", ".partial",
					PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
			snapshot = directory.resolve(partial.getFileName() + ".db");
			Path copy = snapshot;
			List<Manifest.Entry> entries = new ArrayList<>();
			String[] version = new String[1];
			int[] skipped = new int[1];
			try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.WRITE);
					ZipOutputStream zip = new ZipOutputStream(
							new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER_BYTES))) {
				pause.during(() -> {
					version[0] = DatabaseSnapshots.copyInto(this.settings, copy);
					skipped[0] += addFolder(zip, "notes", Deflater.DEFAULT_COMPRESSION, entries);
				});
				entries.add(0, add(zip, Manifest.DATABASE, copy, Deflater.DEFAULT_COMPRESSION, now));
				// images are compressed already; stored as they are, they cost no CPU
				skipped[0] += addFolder(zip, "media", Deflater.NO_COMPRESSION, entries);
				Manifest manifest = new Manifest(Manifest.FORMAT, now.toString(), version[0], entries);
				zip.setLevel(Deflater.DEFAULT_COMPRESSION);
				ZipEntry entry = new ZipEntry(Manifest.ENTRY);
				entry.setTime(now.toEpochMilli());
				zip.putNextEntry(entry);
				zip.write(json.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
				zip.closeEntry();
				zip.finish();
				zip.flush();
				channel.force(true);
			}
			Path archive = moveIntoPlace(partial, directory, now, scheduled);
			long size = Files.size(archive);
			if (skipped[0] > 0) {
				log.warn(skipped[0] + " file(s) removed while the backup ran were left out of " + archive);
			}
			return new Written(archive, version[0], entries.size(), size);
		}
		catch (IOException | UncheckedIOException | SQLException ex) {
			throw new BackupException(
					"Could not write a backup into " + directory + ": " + reason(ex) + "; no archive was written.", ex);
		}
		finally {
			deleteQuietly(partial);
			if (snapshot != null) {
				deleteQuietly(snapshot);
				deleteQuietly(snapshot.resolveSibling(snapshot.getFileName() + "-wal"));
				deleteQuietly(snapshot.resolveSibling(snapshot.getFileName() + "-shm"));
				deleteQuietly(snapshot.resolveSibling(snapshot.getFileName() + "-journal"));
			}
		}
	}

	/**
	 * Adds every file under a folder of the data directory (names starting with
	 * {@code .}, a writer's temporary files, left out), in name order.
	 * @return how many files were gone by the time they were read
	 */
	private int addFolder(ZipOutputStream zip, String folder, int level, List<Manifest.Entry> entries)
			throws IOException {
		Path root = this.settings.dataPath();
		Path start = root.resolve(folder);
		if (!Files.isDirectory(start)) {
			return 0;
		}
		List<Path> files;
		try (Stream<Path> walk = Files.walk(start)) {
			files = walk.filter(Files::isRegularFile)
				.filter((file) -> !file.getFileName().toString().startsWith("."))
				.sorted()
				.toList();
		}
		int gone = 0;
		for (Path file : files) {
			String path = root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
			if (!Manifest.safePath(path)) {
				log.warn("Left " + file + " out of the backup: its name cannot be restored safely");
				continue;
			}
			try {
				entries.add(add(zip, path, file, level, Files.getLastModifiedTime(file).toInstant()));
			}
			catch (NoSuchFileException ex) {
				gone++;
			}
		}
		return gone;
	}

	private static Manifest.Entry add(ZipOutputStream zip, String path, Path file, int level, Instant modified)
			throws IOException {
		try (InputStream in = Files.newInputStream(file)) {
			ZipEntry entry = new ZipEntry(path);
			entry.setTime(modified.toEpochMilli());
			zip.setLevel(level);
			zip.putNextEntry(entry);
			MessageDigest digest = sha256();
			byte[] buffer = new byte[BUFFER_BYTES];
			long size = 0;
			for (int read = in.read(buffer); read != -1; read = in.read(buffer)) {
				digest.update(buffer, 0, read);
				zip.write(buffer, 0, read);
				size += read;
			}
			zip.closeEntry();
			return new Manifest.Entry(path, size, HexFormat.of().formatHex(digest.digest()));
		}
	}

	private static Path moveIntoPlace(Path partial, Path directory, Instant now, boolean scheduled) throws IOException {
		for (int attempt = 1;; attempt++) {
			Path archive = directory.resolve(Archives.name(now, attempt, scheduled));
			if (Files.exists(archive)) {
				continue;
			}
			try {
				Files.move(partial, archive, StandardCopyOption.ATOMIC_MOVE);
			}
			catch (AtomicMoveNotSupportedException ex) {
				Files.move(partial, archive);
			}
			DurableFiles.syncDirectory(directory);
			return archive;
		}
	}

	private static void createOwnerOnlyDirectory(Path directory) throws IOException {
		if (!Files.isDirectory(directory)) {
			Files.createDirectories(directory,
					PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
		}
	}

	static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static String reason(Throwable ex) {
		Throwable cause = (ex instanceof UncheckedIOException && ex.getCause() != null) ? ex.getCause() : ex;
		String message = cause.getMessage();
		if (cause instanceof NoSuchFileException) {
			return "no such file " + message;
		}
		return (message != null && !message.isBlank()) ? message.lines().findFirst().orElse(message)
				: cause.getClass().getSimpleName();
	}

	private static void deleteQuietly(Path file) {
		if (file != null) {
			try {
				Files.deleteIfExists(file);
			}
			catch (IOException ex) {
				// a hidden leftover, harmless; the next backup does not look at it
			}
		}
	}

	/**
	 * A backup written.
	 *
	 * @param archive the archive
	 * @param schemaVersion the database's schema version
	 * @param entries how many files it holds besides the manifest
	 * @param size its length in bytes
	 */
	record Written(Path archive, String schemaVersion, int entries, long size) {
	}

}
