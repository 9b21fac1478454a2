package io.starpunk.notes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

import org.springframework.stereotype.Component;

import io.starpunk.config.DurableFiles;
import io.starpunk.config.StarpunkSettings;

/**
 * The Markdown files of notes under {@code DATA_PATH}, written the durable way: a
 * temporary file in the same folder, flushed to disk, renamed over the target, and the
 * folder flushed too. A reader sees the old file or the new one, never half of one.
 */
@Component
class NoteFiles {

	private final Path dataPath;

	NoteFiles(StarpunkSettings settings) {
		this.dataPath = settings.dataPath();
	}

	/**
	 * Where a new note's file goes, relative to DATA_PATH: {@code notes/YYYY/MM/slug.md},
	 * by the month (UTC) the note is dated.
	 * @param slug the note's slug
	 * @param created when the note is dated
	 * @return the path as the database stores it
	 */
	static String filePath(String slug, Instant created) {
		ZonedDateTime utc = created.atZone(ZoneOffset.UTC);
		return "notes/%04d/%02d/%s.md".formatted(utc.getYear(), utc.getMonthValue(), slug);
	}

	/**
	 * The file of a note path as stored in the database (relative to DATA_PATH), refusing
	 * paths that would leave the notes folder.
	 */
	Path resolve(String filePath) {
		Path file = this.dataPath.resolve(filePath).normalize();
		if (!file.startsWith(this.dataPath.resolve("notes"))) {
			throw new IllegalArgumentException("Note path outside the notes folder: " + filePath);
		}
		return file;
	}

	byte[] read(String filePath) {
		try {
			return Files.readAllBytes(resolve(filePath));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	boolean exists(String filePath) {
		return Files.exists(resolve(filePath));
	}

	/**
	 * Writes a file atomically and durably. On failure at any step the temporary file is
	 * removed and the target is as it was.
	 */
	void write(String filePath, byte[] content) {
		Path target = resolve(filePath);
		Path temporary = null;
		try {
			Files.createDirectories(target.getParent());
			temporary = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
			writeAndSync(temporary, content);
			move(temporary, target);
			DurableFiles.syncDirectory(target.getParent());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not write " + filePath, ex);
		}
		finally {
			deleteQuietly(temporary);
		}
	}

	void delete(String filePath) {
		try {
			Path file = resolve(filePath);
			Files.deleteIfExists(file);
			DurableFiles.syncDirectory(file.getParent());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not delete " + filePath, ex);
		}
	}

	/** A step of {@link #write}; separate so tests can make it fail. */
	void writeAndSync(Path file, byte[] content) throws IOException {
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE,
				StandardOpenOption.TRUNCATE_EXISTING)) {
			ByteBuffer buffer = ByteBuffer.wrap(content);
			while (buffer.hasRemaining()) {
				channel.write(buffer);
			}
			channel.force(true);
		}
	}

	/** A step of {@link #write}; separate so tests can make it fail. */
	void move(Path from, Path to) throws IOException {
		DurableFiles.move(from, to, true);
	}

	private static void deleteQuietly(Path file) {
		if (file != null) {
			try {
				Files.deleteIfExists(file);
			}
			catch (IOException ex) {
				// a stray temporary file starts with '.' and ends with .tmp; harmless
			}
		}
	}

}
