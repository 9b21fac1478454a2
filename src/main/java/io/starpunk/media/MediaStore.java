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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.unit.DataSize;

import io.starpunk.config.DurableFiles;
import io.starpunk.config.Secrets;
import io.starpunk.config.Sha256;
import io.starpunk.config.StarpunkSettings;
import io.starpunk.media.ImagePipeline.Processed;
import io.starpunk.media.ImagePipeline.Rendition;

/**
 * The one owner of uploaded files. An upload is streamed to a temporary file in
 * {@code DATA_PATH/media} (never held in memory), counted against {@code MEDIA_MAX_BYTES}
 * and typed by its first bytes; the {@link ImagePipeline} makes the original to keep
 * (without metadata, at most 2048 pixels wide) and its variants, which are recorded in
 * {@code media} and renamed to {@code media/YYYY/MM/<random>.<ext>} and
 * {@code <random>_<variant>.<ext>}, each flushed to disk. A refused or failed upload
 * leaves no temporary file, no stored file and no row.
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

	private final ImagePipeline pipeline;

	private final ResponsiveImages images;

	private final StoredImages stored;

	MediaStore(MediaRepository media, TransactionTemplate transactions, StarpunkSettings settings, Clock clock,
			SecureRandom random, ImagePipeline pipeline, ResponsiveImages images, StoredImages stored) {
		this.media = media;
		this.stored = stored;
		this.pipeline = pipeline;
		this.images = images;
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
			Processed processed = this.pipeline.process(temporary, upload.type(), this.directory);
			try {
				Instant now = this.clock.instant();
				ZonedDateTime utc = now.atZone(ZoneOffset.UTC);
				String folder = String.join("/", "media", "%04d".formatted(utc.getYear()),
						"%02d".formatted(utc.getMonthValue()));
				String stem = Secrets.newToken(this.random);
				Rendition original = processed.original();
				String path = folder + "/" + stem + "." + original.type().extension();
				keep(processed, path, (variant) -> folder + "/" + stem + "_" + variant.variant().key() + "."
						+ variant.type().extension(), now);
				this.images.forget();
				log.info("Stored " + upload.type().contentType() + " upload of " + upload.size() + " bytes at " + path
						+ " as " + original.width() + " x " + original.height() + " with " + processed.variants().size()
						+ " variant(s)");
				return new StoredMedia(path, original.type(), Files.size(resolve(path)),
						this.settings.url(path.split("/")));
			}
			finally {
				processed.all().forEach((rendition) -> deleteQuietly(rendition.file()));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not store an upload", ex);
		}
		finally {
			deleteQuietly(temporary);
		}
	}

	/**
	 * Records an image and its variants and moves their files into place, all or nothing:
	 * the rows first (their UNIQUE paths refuse a name that is taken before any file is
	 * moved over another), then the files, each flushed; a failure takes back the files
	 * already moved and the rows.
	 */
	private void keep(Processed processed, String path, Function<Rendition, String> variantPath, Instant now)
			throws IOException {
		List<Path> moved = new ArrayList<>();
		try {
			this.transactions.executeWithoutResult((transaction) -> {
				Rendition original = processed.original();
				long id = this.media.insert(path, original.type().contentType(), size(original.file()),
						Sha256.hex(original.file()), now, original.width(), original.height(), null, null);
				for (Rendition variant : processed.variants()) {
					this.media.insert(variantPath.apply(variant), variant.type().contentType(), size(variant.file()),
							Sha256.hex(variant.file()), now, variant.width(), variant.height(), id,
							variant.variant().key());
				}
				moveInto(original.file(), resolve(path), moved);
				for (Rendition variant : processed.variants()) {
					moveInto(variant.file(), resolve(variantPath.apply(variant)), moved);
				}
			});
		}
		catch (RuntimeException ex) {
			for (Path file : moved) {
				deleteQuietly(file);
			}
			if (!moved.isEmpty()) {
				DurableFiles.syncDirectory(moved.get(0).getParent());
			}
			throw ex;
		}
	}

	private static void moveInto(Path from, Path to, List<Path> moved) {
		try {
			Files.createDirectories(to.getParent());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not make the folder of an upload", ex);
		}
		moveDurably(from, to);
		moved.add(to);
	}

	/**
	 * Takes back an upload that the request it came with did not keep (a Micropub create
	 * that was refused after its photos were stored): its row and its file go.
	 * @param stored the upload
	 */
	public void discard(StoredMedia stored) {
		delete(stored.path());
	}

	/**
	 * Deletes a stored image for good: its row and file, and its variants' rows and
	 * files. Nothing happens for a path that is not stored.
	 * @param path its path relative to {@code DATA_PATH} ({@code media/YYYY/MM/<name>})
	 * @return whether it was stored
	 */
	public boolean delete(String path) {
		Optional<MediaFile> found = this.media.findByPath(path);
		if (found.isEmpty()) {
			return false;
		}
		List<MediaFile> variants = this.media.variantsOf(List.of(found.get().id()));
		// the variants' rows go with the original's (ON DELETE CASCADE)
		this.transactions.executeWithoutResult((transaction) -> this.media.delete(path));
		List<Path> files = new ArrayList<>();
		files.add(resolve(path));
		variants.forEach((variant) -> files.add(resolve(variant.path())));
		files.forEach(MediaStore::deleteQuietly);
		files.stream().map(Path::getParent).distinct().forEach(DurableFiles::syncDirectory);
		this.images.forget();
		this.stored.forget();
		log.info("Deleted " + path + " and " + variants.size() + " variant(s)");
		return true;
	}

	/**
	 * The path of a URL of this site's media, relative to {@code DATA_PATH}.
	 * @param url any URL
	 * @return {@code media/...}, or empty for a URL that is not under this site's
	 * {@code /media/}
	 */
	public Optional<String> pathOf(String url) {
		return this.images.pathOf(url);
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
		ImageType type = ImageType.ofContentType(file.contentType())
			.orElseThrow(() -> new IllegalStateException("Unknown media type in the database: " + file.contentType()));
		return new StoredMedia(file.path(), type, file.size(), this.settings.url(file.path().split("/")));
	}

	private Upload copy(InputStream content, Path file) throws IOException {
		long max = this.settings.micropub().mediaMaxBytes().toBytes();
		MessageDigest digest = sha256();
		byte[] head = new byte[HeifDetection.HEAD_BYTES];
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
		Optional<ImageType> type = ImageType.detect(head);
		if (type.isPresent()) {
			return type.get();
		}
		Optional<HeifDetection.Kind> heif = HeifDetection.detect(head);
		if (heif.isPresent()) {
			throw new MediaRefusedException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, heif.get().refusal());
		}
		throw new MediaRefusedException(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
				"The file is not an image this site takes; it accepts " + ACCEPTED);
	}

	private static long size(Path file) {
		try {
			return Files.size(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read the size of an image", ex);
		}
	}

	/**
	 * A size as people read it: {@code 10 MB}, {@code 512 KB}, or bytes.
	 * @param size the size
	 * @return the words
	 */
	public static String describe(DataSize size) {
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

	static void deleteQuietly(Path file) {
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
