package io.starpunk.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.stream.Collectors;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.unit.DataSize;

import io.starpunk.config.DurableFiles;
import io.starpunk.config.Secrets;
import io.starpunk.config.StarpunkSettings;

/**
 * The one owner of uploaded files. An upload is streamed to a temporary file in
 * {@code DATA_PATH/media} (never held in memory), counted against
 * {@code MEDIA_MAX_BYTES}, typed by its first bytes, flushed to disk, renamed to
 * {@code media/YYYY/MM/<random>.<ext>} and recorded in {@code media}. A refused or failed
 * upload leaves no temporary file, no stored file and no row.
 */
@Service
public class MediaStore {

	private static final Log log = LogFactory.getLog(MediaStore.class);

	private static final int BUFFER_BYTES = 64 * 1024;

	private static final String ACCEPTED = Arrays.stream(ImageType.values())
		.map(ImageType::contentType)
		.collect(Collectors.joining(", "));

	private final MediaRepository media;

	private final StarpunkSettings settings;

	private final Clock clock;

	private final SecureRandom random;

	private final Path directory;

	private final TransactionTemplate transactions;

	MediaStore(MediaRepository media, TransactionTemplate transactions, StarpunkSettings settings, Clock clock,
			SecureRandom random) {
		this.media = media;
		this.transactions = transactions;
		this.settings = settings;
		this.clock = clock;
		this.random = random;
		this.directory = settings.dataPath().resolve("media");
	}

	/**
	 * Keeps an uploaded image.
	 * @param content the file's bytes; read to the end (or to the first byte over the
	 * limit), not closed
	 * @return where it was kept and its public URL
	 * @throws MediaRefusedException for an empty file (400), one larger than
	 * {@code MEDIA_MAX_BYTES} (413), or one that is not a JPEG, PNG, GIF or WebP image
	 * (415)
	 * @throws UncheckedIOException when the file could not be written
	 */
	public StoredMedia store(InputStream content) {
		Path temporary = null;
		try {
			Files.createDirectories(this.directory);
			temporary = Files.createTempFile(this.directory, ".upload-", ".tmp");
			Upload upload = copy(content, temporary);
			Instant now = this.clock.instant();
			ZonedDateTime utc = now.atZone(ZoneOffset.UTC);
			String year = "%04d".formatted(utc.getYear());
			String month = "%02d".formatted(utc.getMonthValue());
			String name = Secrets.newToken(this.random) + "." + upload.type().extension();
			String path = String.join("/", "media", year, month, name);
			Path target = resolve(path);
			Files.createDirectories(target.getParent());
			Path from = temporary;
			Path[] moved = new Path[1];
			try {
				this.transactions.executeWithoutResult((transaction) -> {
					// the row first: its UNIQUE path refuses a name that is taken before
					// any file is moved over another
					this.media.insert(path, upload.type().contentType(), upload.size(), upload.hash(), now);
					moveDurably(from, target);
					moved[0] = target;
				});
			}
			catch (RuntimeException ex) {
				if (moved[0] != null) {
					deleteQuietly(moved[0]);
					DurableFiles.syncDirectory(moved[0].getParent());
				}
				throw ex;
			}
			log.info("Stored " + upload.type().contentType() + " upload of " + upload.size() + " bytes at " + path);
			return new StoredMedia(path, upload.type(), upload.size(), this.settings.url("media", year, month, name));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not store an upload", ex);
		}
		finally {
			deleteQuietly(temporary);
		}
	}

	/**
	 * Takes back an upload that the request it came with did not keep (a Micropub create
	 * that was refused after its photos were stored): its row and its file go.
	 * @param stored the upload
	 */
	public void discard(StoredMedia stored) {
		Path file = resolve(stored.path());
		this.transactions.executeWithoutResult((transaction) -> this.media.delete(stored.path()));
		deleteQuietly(file);
		DurableFiles.syncDirectory(file.getParent());
	}

	/**
	 * The most recent upload.
	 * @return it, or empty when nothing was uploaded yet
	 */
	public Optional<StoredMedia> last() {
		return this.media.findLatest().map(this::stored);
	}

	/**
	 * The refusal of a file over {@code MEDIA_MAX_BYTES}, also for uploads that the
	 * servlet container stops before they reach {@link #store}.
	 * @return the refusal, 413
	 */
	public MediaRefusedException tooLarge() {
		return new MediaRefusedException(HttpStatus.CONTENT_TOO_LARGE, "The file is larger than "
				+ describe(this.settings.micropub().mediaMaxBytes()) + ", the most this site takes");
	}

	/**
	 * The row of a stored file.
	 * @param path its path relative to {@code DATA_PATH}, as in the table
	 * @return the row, or empty
	 */
	Optional<MediaFile> find(String path) {
		return this.media.findByPath(path);
	}

	/**
	 * The file of a row, refusing any path that would leave the media folder.
	 * @param file the row
	 * @return the file on disk
	 */
	Path resolve(MediaFile file) {
		return resolve(file.path());
	}

	private Path resolve(String path) {
		Path file = this.settings.dataPath().resolve(path).normalize();
		if (!file.startsWith(this.directory)) {
			throw new IllegalArgumentException("Media path outside the media folder: " + path);
		}
		return file;
	}

	private StoredMedia stored(MediaFile file) {
		ImageType type = Arrays.stream(ImageType.values())
			.filter((candidate) -> candidate.contentType().equals(file.contentType()))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("Unknown media type in the database: " + file.contentType()));
		return new StoredMedia(file.path(), type, file.size(), this.settings.url(file.path().split("/")));
	}

	private Upload copy(InputStream content, Path file) throws IOException {
		long max = this.settings.micropub().mediaMaxBytes().toBytes();
		MessageDigest digest = sha256();
		byte[] head = new byte[ImageType.SIGNATURE_BYTES];
		int headLength = 0;
		long size = 0;
		byte[] buffer = new byte[BUFFER_BYTES];
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE,
				StandardOpenOption.TRUNCATE_EXISTING)) {
			int read;
			while ((read = content.read(buffer)) != -1) {
				size += read;
				if (size > max) {
					throw tooLarge();
				}
				if (headLength < head.length) {
					int taken = Math.min(read, head.length - headLength);
					System.arraycopy(buffer, 0, head, headLength, taken);
					headLength += taken;
					if (headLength == head.length) {
						type(head);
					}
				}
				digest.update(buffer, 0, read);
				ByteBuffer bytes = ByteBuffer.wrap(buffer, 0, read);
				while (bytes.hasRemaining()) {
					channel.write(bytes);
				}
			}
			if (size == 0) {
				throw new MediaRefusedException(HttpStatus.BAD_REQUEST, "The file is empty");
			}
			ImageType type = type(Arrays.copyOf(head, headLength));
			channel.force(true);
			return new Upload(type, size, HexFormat.of().formatHex(digest.digest()));
		}
	}

	private static ImageType type(byte[] head) {
		return ImageType.detect(head)
			.orElseThrow(() -> new MediaRefusedException(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
					"The file is not an image this site takes; it accepts " + ACCEPTED));
	}

	private static String describe(DataSize size) {
		long bytes = size.toBytes();
		if (bytes % DataSize.ofMegabytes(1).toBytes() == 0) {
			return size.toMegabytes() + " MB";
		}
		if (bytes % DataSize.ofKilobytes(1).toBytes() == 0) {
			return size.toKilobytes() + " KB";
		}
		return bytes + " bytes";
	}

	private static void moveDurably(Path from, Path to) {
		try {
			DurableFiles.move(from, to, false);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not move an upload into place", ex);
		}
		DurableFiles.syncDirectory(to.getParent());
	}

	private static void deleteQuietly(Path file) {
		if (file != null) {
			try {
				Files.deleteIfExists(file);
			}
			catch (IOException ex) {
				log.warn("Could not remove " + file.getFileName() + " after a failed upload");
			}
		}
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java runtime has SHA-256", ex);
		}
	}

	private record Upload(ImageType type, long size, String hash) {
	}

}
