package io.starpunk.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.starpunk.config.AfterTransaction;
import io.starpunk.config.DurableFiles;
import io.starpunk.config.Sha256;
import io.starpunk.config.StarpunkSettings;
import io.starpunk.media.ImagePipeline.Processed;

/**
 * The images stored before the pipeline (uploaded to an earlier version, or adopted from
 * StarPunk, which kept the EXIF of originals): which of them still carry metadata, and
 * cleaning them in place. Cleaning keeps each file's name, type and size in pixels (its
 * URL is public) and only changes its bytes: metadata removed, orientation applied,
 * colours in sRGB. Files are replaced atomically, one at a time, each with its row; a
 * file that cannot be cleaned is left as it was and named in the result.
 */
@Service
public class StoredImages {

	private static final Log log = LogFactory.getLog(StoredImages.class);

	private final MediaRepository media;

	private final ImagePipeline pipeline;

	private final ResponsiveImages images;

	private final TransactionTemplate transactions;

	private final Path directory;

	private final Path dataPath;

	private final AtomicReference<Survey> last = new AtomicReference<>();

	StoredImages(MediaRepository media, ImagePipeline pipeline, ResponsiveImages images, StarpunkSettings settings,
			TransactionTemplate transactions) {
		this.media = media;
		this.transactions = transactions;
		this.pipeline = pipeline;
		this.images = images;
		this.dataPath = settings.dataPath().toAbsolutePath().normalize();
		this.directory = this.dataPath.resolve("media");
	}

	/**
	 * Which stored images still carry metadata. Read from the files (all of them, once;
	 * then kept until an image is stored, cleaned or deleted).
	 * @return the survey
	 */
	public Survey survey() {
		Survey survey = this.last.get();
		if (survey == null) {
			survey = read();
			this.last.set(survey);
		}
		return survey;
	}

	/** Forgets the last survey, after an image was stored, cleaned or deleted. */
	void forget() {
		this.last.set(null);
	}

	/**
	 * Cleans every stored image that carries metadata, in place.
	 * @return how many were cleaned, and the paths of those that could not be
	 */
	public Cleaned cleanAll() {
		int cleaned = 0;
		List<String> failed = new ArrayList<>();
		for (MediaFile file : this.media.findAll()) {
			Path path = this.dataPath.resolve(file.path()).normalize();
			Optional<ImageType> type = type(file);
			if (!path.startsWith(this.directory) || !Files.isRegularFile(path) || type.isEmpty()
					|| !carriesMetadata(MetadataReport.of(path))) {
				continue;
			}
			try {
				clean(file, path, type.get());
				cleaned++;
			}
			catch (MediaRefusedException | UncheckedIOException | IOException ex) {
				log.warn("Could not clean " + file.path() + ": " + ex.getMessage());
				failed.add(file.path());
			}
		}
		forget();
		this.images.forget();
		log.info("Cleaned " + cleaned + " stored image(s) in place"
				+ (failed.isEmpty() ? "" : "; " + failed.size() + " could not be cleaned"));
		return new Cleaned(cleaned, List.copyOf(failed));
	}

	/**
	 * Replaces an image with its cleaned bytes and its row with their size, hash and
	 * dimensions, together: the row is changed first and the file last, in one
	 * transaction, and the original bytes (a second name for them, or a copy) put back
	 * when that transaction does not commit, so a cleaned file never stands behind a
	 * rolled-back row.
	 */
	private void clean(MediaFile file, Path path, ImageType type) throws IOException {
		Processed processed = this.pipeline.clean(path, type, this.directory);
		Path before = path.resolveSibling("." + path.getFileName() + ".before-clean.tmp");
		try {
			ImagePipeline.Rendition cleaned = processed.original();
			long size = Files.size(cleaned.file());
			String hash = Sha256.hex(cleaned.file());
			keepOriginal(path, before);
			this.transactions.executeWithoutResult((status) -> {
				this.media.updateFile(file.id(), size, hash, cleaned.width(), cleaned.height());
				AfterTransaction.onRollback("put back " + file.path() + " as it was before cleaning", () -> {
					moveDurably(before, path);
				});
				moveDurably(cleaned.file(), path);
			});
		}
		finally {
			processed.all().forEach((rendition) -> ImagePipeline.deleteQuietly(rendition.file()));
			ImagePipeline.deleteQuietly(before);
		}
	}

	/** A second name for a file's bytes, or a copy where links are not to be had. */
	private static void keepOriginal(Path path, Path before) throws IOException {
		Files.deleteIfExists(before);
		try {
			Files.createLink(before, path);
		}
		catch (IOException | UnsupportedOperationException ex) {
			Files.copy(path, before, StandardCopyOption.COPY_ATTRIBUTES);
		}
	}

	private static void moveDurably(Path from, Path to) {
		try {
			DurableFiles.move(from, to, true);
			DurableFiles.syncDirectory(to.getParent());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not move " + from.getFileName() + " to " + to, ex);
		}
	}

	private Survey read() {
		int images = 0;
		List<String> located = new ArrayList<>();
		List<String> other = new ArrayList<>();
		for (MediaFile file : this.media.findAll()) {
			Path path = this.dataPath.resolve(file.path()).normalize();
			if (!path.startsWith(this.directory) || !Files.isRegularFile(path) || type(file).isEmpty()) {
				continue;
			}
			images++;
			MetadataReport report = MetadataReport.of(path);
			if (report.location()) {
				located.add(file.path());
			}
			else if (carriesMetadata(report)) {
				other.add(file.path());
			}
		}
		return new Survey(images, List.copyOf(located), List.copyOf(other));
	}

	/**
	 * What cleaning removes: EXIF, XMP, IPTC, comments (an ICC profile alone is kept).
	 */
	static boolean carriesMetadata(MetadataReport report) {
		return report.location() || report.exif() || report.xmp() || report.iptc() || report.comments();
	}

	private static Optional<ImageType> type(MediaFile file) {
		return ImageType.ofContentType(file.contentType());
	}

	/**
	 * What the stored images carry.
	 *
	 * @param images how many stored images (originals and variants) there are
	 * @param withLocation the paths of those that carry a location (GPS)
	 * @param withOtherMetadata the paths of those that carry other metadata (EXIF, XMP,
	 * IPTC, comments) but no location
	 */
	public record Survey(int images, List<String> withLocation, List<String> withOtherMetadata) {

		/**
		 * @return how many would be cleaned
		 */
		public int toClean() {
			return this.withLocation.size() + this.withOtherMetadata.size();
		}

	}

	/**
	 * What cleaning did.
	 *
	 * @param cleaned how many files were cleaned
	 * @param failed the paths of those that could not be
	 */
	public record Cleaned(int cleaned, List<String> failed) {
	}

}
