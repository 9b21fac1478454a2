package io.starpunk.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.sql.SQLException;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;
import org.springframework.util.FileSystemUtils;

import io.starpunk.config.DurableFiles;
import io.starpunk.database.DatabaseSnapshots;

/**
 * Restores a backup archive into an empty data directory. Every entry is written to a
 * hidden folder inside the target and checked against the manifest (its size and
 * SHA-256), and the database is checked by SQLite, before anything is moved to its final
 * place; an archive that fails any check leaves the target as empty as it was.
 */
@Component
class Restorer {

	private static final JsonMapper json = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private static final int BUFFER_BYTES = 64 * 1024;

	/**
	 * Restores an archive.
	 * @param archive the archive
	 * @param target the data directory to restore into: missing, or an empty directory
	 * @return what was restored
	 * @throws BackupException when the archive or the target is refused; the target is
	 * then as it was
	 */
	Restored restore(Path archive, Path target) {
		if (!Files.isRegularFile(archive)) {
			throw new BackupException("There is no archive at " + archive + "; nothing was restored.");
		}
		boolean created = prepareTarget(target);
		Path staging = null;
		try (ZipFile zip = open(archive)) {
			Manifest manifest = manifest(zip, archive);
			staging = Files.createTempDirectory(target, ".starpunk-restore-");
			for (Manifest.Entry entry : manifest.entries()) {
				extract(zip, entry, staging);
			}
			try {
				DatabaseSnapshots.check(staging.resolve(Manifest.DATABASE));
			}
			catch (SQLException ex) {
				throw new BackupException("The database in " + archive + " is not sound (" + BackupWriter.reason(ex)
						+ "); nothing was restored.");
			}
			for (String leftover : List.of("-wal", "-shm", "-journal")) {
				Files.deleteIfExists(staging.resolve(Manifest.DATABASE + leftover));
			}
			try (Stream<Path> children = Files.list(staging)) {
				for (Path child : children.sorted().toList()) {
					Files.move(child, target.resolve(child.getFileName().toString()));
				}
			}
			Files.delete(staging);
			staging = null;
			DurableFiles.syncDirectory(target);
			return new Restored(target, manifest.schemaVersion(), manifest.createdAt(), manifest.entries().size());
		}
		catch (IOException | UncheckedIOException ex) {
			throw new BackupException("Could not restore " + archive + " into " + target + ": "
					+ BackupWriter.reason(ex) + "; nothing was restored.", ex);
		}
		finally {
			if (staging != null) {
				deleteQuietly(staging);
			}
			if (created && isEmpty(target)) {
				deleteQuietly(target);
			}
		}
	}

	/** Refuses a target that holds anything; makes a missing one. */
	private static boolean prepareTarget(Path target) {
		if (Files.exists(target) && !Files.isDirectory(target)) {
			throw new BackupException(target + " is not a directory; nothing was restored.");
		}
		if (Files.isDirectory(target)) {
			if (!isEmpty(target)) {
				throw new BackupException("The data directory " + target
						+ " is not empty; a restore writes only into an empty directory (move what it holds"
						+ " away, or name a new one). Nothing was restored.");
			}
			return false;
		}
		try {
			Files.createDirectories(target);
			return true;
		}
		catch (IOException ex) {
			throw new BackupException("Cannot make the data directory " + target + " (" + BackupWriter.reason(ex)
					+ "); nothing was restored.");
		}
	}

	private static ZipFile open(Path archive) throws IOException {
		try {
			return new ZipFile(archive.toFile());
		}
		catch (ZipException ex) {
			throw new BackupException(archive + " is not a backup archive (not a readable ZIP file: "
					+ BackupWriter.reason(ex) + "); nothing was restored.");
		}
	}

	/**
	 * Reads the manifest and checks that it names exactly the archive's entries, each a
	 * path inside the data directory, the database among them.
	 */
	private static Manifest manifest(ZipFile zip, Path archive) throws IOException {
		ZipEntry found = zip.getEntry(Manifest.ENTRY);
		if (found == null) {
			throw new BackupException(archive + " has no " + Manifest.ENTRY
					+ "; it is not a StarPunk backup archive. Nothing was restored.");
		}
		Manifest manifest;
		try (InputStream in = zip.getInputStream(found)) {
			manifest = json.readValue(in.readNBytes(16 * 1024 * 1024), Manifest.class);
		}
		catch (JacksonException | ZipException ex) {
			throw new BackupException("The manifest of " + archive + " cannot be read (" + BackupWriter.reason(ex)
					+ "); the archive is damaged or was changed. Nothing was restored.");
		}
		if (manifest.format() != Manifest.FORMAT) {
			throw new BackupException(archive + " is a backup of format " + manifest.format()
					+ ", which this server does not know; nothing was restored.");
		}
		Set<String> named = new HashSet<>();
		for (Manifest.Entry entry : manifest.entries()) {
			if (entry == null || !Manifest.safePath(entry.path()) || !named.add(entry.path()) || entry.size() < 0
					|| entry.sha256() == null) {
				throw new BackupException("The manifest of " + archive + " names an entry a restore must not write ("
						+ ((entry != null) ? entry.path() : "null") + "); nothing was restored.");
			}
		}
		if (!named.contains(Manifest.DATABASE)) {
			throw new BackupException(
					"The manifest of " + archive + " names no " + Manifest.DATABASE + "; nothing was restored.");
		}
		Enumeration<? extends ZipEntry> entries = zip.entries();
		while (entries.hasMoreElements()) {
			ZipEntry entry = entries.nextElement();
			if (!entry.isDirectory() && !entry.getName().equals(Manifest.ENTRY) && !named.contains(entry.getName())) {
				throw new BackupException(archive + " holds " + entry.getName()
						+ ", which its manifest does not name; the archive was changed. Nothing was restored.");
			}
		}
		return manifest;
	}

	/** Writes one entry under the staging folder, checking its size and SHA-256. */
	private static void extract(ZipFile zip, Manifest.Entry expected, Path staging) throws IOException {
		ZipEntry entry = zip.getEntry(expected.path());
		if (entry == null) {
			throw new BackupException("The archive lacks " + expected.path()
					+ ", which its manifest names; the archive is damaged or was changed. Nothing was restored.");
		}
		Path file = staging.resolve(expected.path()).normalize();
		if (!file.startsWith(staging)) {
			throw new BackupException("The manifest names " + expected.path() + ", outside the data directory;"
					+ " nothing was restored.");
		}
		Files.createDirectories(file.getParent());
		MessageDigest digest = BackupWriter.sha256();
		long size = 0;
		try (InputStream in = zip.getInputStream(entry);
				FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
			OutputStream out = Channels.newOutputStream(channel);
			byte[] buffer = new byte[BUFFER_BYTES];
			for (int read = in.read(buffer); read != -1; read = in.read(buffer)) {
				size += read;
				if (size > expected.size()) {
					break;
				}
				digest.update(buffer, 0, read);
				out.write(buffer, 0, read);
			}
			channel.force(true);
		}
		catch (ZipException ex) {
			throw mismatch(expected, "it cannot be read: " + BackupWriter.reason(ex));
		}
		if (size != expected.size()) {
			throw mismatch(expected, "its size differs");
		}
		if (!HexFormat.of().formatHex(digest.digest()).equalsIgnoreCase(expected.sha256())) {
			throw mismatch(expected, "its SHA-256 differs");
		}
	}

	private static BackupException mismatch(Manifest.Entry entry, String how) {
		return new BackupException(entry.path() + " in the archive does not match its manifest (" + how
				+ "); the archive is damaged or was changed. Nothing was restored.");
	}

	private static boolean isEmpty(Path directory) {
		try (Stream<Path> children = Files.list(directory)) {
			return children.findAny().isEmpty();
		}
		catch (NoSuchFileException ex) {
			return false;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void deleteQuietly(Path path) {
		try {
			FileSystemUtils.deleteRecursively(path);
		}
		catch (IOException ex) {
			// a hidden leftover in the target; the message already says nothing was
			// restored
		}
	}

	/**
	 * A restore done.
	 *
	 * @param target the data directory restored
	 * @param schemaVersion the database's schema version
	 * @param takenAt when the backup was taken
	 * @param entries how many files were restored
	 */
	record Restored(Path target, String schemaVersion, String takenAt, int entries) {
	}

}
