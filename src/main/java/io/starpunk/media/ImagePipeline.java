package io.starpunk.media;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import net.coobird.thumbnailator.Thumbnails;
import net.coobird.thumbnailator.geometry.Positions;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import io.starpunk.config.StarpunkSettings;

/**
 * The one way an image is stored: every upload (editor, media endpoint, Micropub with
 * files) and every in-place clean passes through here.
 * <ol>
 * <li>The size in pixels is read from the header, before anything is decoded; over
 * {@code MEDIA_MAX_PIXELS} is a 413, an image that cannot be read a 415.</li>
 * <li>Decoding holds at most {@value #DECODE_BUDGET} pixels: a larger image is decoded
 * subsampled (never below the width it is stored at), and at most {@link #CONCURRENT}
 * images are decoded at once; others wait up to {@link #WAIT} and are then answered 503,
 * so parallel large uploads cannot exhaust the heap.</li>
 * <li>The EXIF orientation is applied to the pixels; colours are converted to sRGB.</li>
 * <li>The original is scaled down to {@value #MAX_WIDTH} pixels wide when wider (never
 * up) and written again: JPEG and PNG are re-encoded, which keeps none of the metadata
 * (EXIF with GPS, XMP, IPTC, ICC profiles, comments). A GIF keeps its frames (animated
 * stays animated) and loses its comment and application blocks; a WebP keeps its image
 * data and loses its EXIF, XMP and ICC chunks. A still WebP that must be turned or
 * scaled, and a still GIF that must be scaled, become a PNG (with transparency) or a
 * JPEG; an animation is never flattened (it keeps its size, and loses an orientation
 * tag).</li>
 * <li>The {@link Variant}s are made from that, as JPEG for JPEG and opaque WebP, PNG
 * otherwise (a GIF's first frame).</li>
 * </ol>
 */
@Component
class ImagePipeline {

	private static final Log log = LogFactory.getLog(ImagePipeline.class);

	/** The widest an original is kept (StarPunk 1.2's rule). */
	static final int MAX_WIDTH = 2048;

	/** The most pixels held decoded at once (48 MB at three bytes a pixel). */
	static final long DECODE_BUDGET = 16_000_000L;

	/**
	 * The most pixels decoded at once, after subsampling, of a JPEG whose colours the
	 * decoder converts ({@link JpegColour}): such a JPEG is decoded in bands of this
	 * size.
	 */
	static final long BAND_PIXELS = 2_000_000L;

	/** How many images are decoded at the same time. */
	static final int CONCURRENT = 1;

	/** How long an upload waits for its turn before it is answered 503. */
	static final Duration WAIT = Duration.ofSeconds(60);

	private final long maxPixels;

	private final Semaphore turns = new Semaphore(CONCURRENT, true);

	ImagePipeline(StarpunkSettings settings) {
		this.maxPixels = settings.micropub().mediaMaxPixels();
		// the plugins (WebP, CMYK JPEG) are found on the class path of the application,
		// which is not the one ImageIO saw first in a packaged jar
		ImageIO.scanForPlugins();
		ImageIO.setUseCache(false);
	}

	/**
	 * Makes what is stored of an upload.
	 * @param upload the uploaded file, already known to be of {@code type}
	 * @param type its type, from its first bytes
	 * @param folder where to write the files made (temporary names; the caller moves or
	 * deletes them)
	 * @return the original to keep and its variants
	 * @throws MediaRefusedException 413 for too many pixels, 415 for a file that cannot
	 * be read as an image of its type, 503 when the server is busy with other images
	 */
	Processed process(Path upload, ImageType type, Path folder) {
		return run(upload, type, folder, false);
	}

	/**
	 * Cleans an image already stored, keeping its type (its URL says it) and its size:
	 * its metadata goes and its orientation is applied. No variants are made.
	 * @param file the stored file
	 * @param type its type
	 * @param folder where to write the files made
	 * @return the cleaned file
	 */
	Processed clean(Path file, ImageType type, Path folder) {
		return run(file, type, folder, true);
	}

	private Processed run(Path source, ImageType type, Path folder, boolean keepSize) {
		Size size = ImageCodec.size(source, type);
		if (size.width() < 1 || size.height() < 1) {
			throw new MediaRefusedException(HttpStatus.BAD_REQUEST, "The image has no pixels");
		}
		checkPixels(size);
		if (type == ImageType.GIF) {
			// a later frame may reach beyond the screen the header claims
			try {
				Dimensions bounds = GifMetadata.bounds(Files.readAllBytes(source));
				checkPixels(new Size(bounds.width(), bounds.height()));
			}
			catch (MalformedImageException ex) {
				throw ImageCodec.unreadable(type);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Could not read an upload", ex);
			}
		}
		int orientation = ImageCodec.orientation(source, type);
		waitForTurn();
		try {
			return make(source, type, folder, keepSize, size, orientation);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not write an image", ex);
		}
		catch (OutOfMemoryError ex) {
			// the budget and the one-at-a-time turns are meant to make this impossible;
			// should the heap still be too small (a JAVA_OPTS heap far below the
			// image's),
			// the pixels of this image, the only large arrays, are garbage once this
			// returns, and the owner hears why instead of a bare 500
			log.warn("Not enough heap to process a " + size.width() + " x " + size.height() + " " + type.contentType()
					+ "; answering 503");
			throw new MediaRefusedException(HttpStatus.SERVICE_UNAVAILABLE,
					"The server has not enough memory for this image right now; try a smaller one");
		}
		finally {
			this.turns.release();
		}
	}

	private void checkPixels(Size size) {
		long pixels = (long) size.width() * size.height();
		if (pixels > this.maxPixels) {
			throw new MediaRefusedException(HttpStatus.CONTENT_TOO_LARGE,
					"The image is %d x %d pixels (%s megapixels); this site takes images up to %s megapixels"
						.formatted(size.width(), size.height(), megapixels(pixels), megapixels(this.maxPixels)));
		}
	}

	private Processed make(Path source, ImageType type, Path folder, boolean keepSize, Size size, int orientation)
			throws IOException {
		boolean turned = orientation >= 5;
		int orientedWidth = turned ? size.height() : size.width();
		int targetWidth = keepSize ? orientedWidth : Math.min(orientedWidth, MAX_WIDTH);
		int subsampling = Math.max(1, orientedWidth / Math.max(1, targetWidth));
		while (((long) size.width() / subsampling) * (size.height() / subsampling) > DECODE_BUDGET) {
			subsampling++;
		}
		if (keepSize && subsampling > 1) {
			throw new MediaRefusedException(HttpStatus.CONTENT_TOO_LARGE,
					"The image is too large to clean in place (" + size.width() + " x " + size.height() + ")");
		}
		BufferedImage master;
		if (ImageCodec.inBands(source, type, size, subsampling)) {
			master = ImageCodec
				.srgb(ImageCodec.decodeInBands(source, type, size, subsampling, orientation, targetWidth));
		}
		else {
			master = ImageCodec.srgb(ImageCodec.decode(source, type, subsampling));
			int decodedWidth = turned ? master.getHeight() : master.getWidth();
			if (decodedWidth > targetWidth || orientation > 1) {
				// turned and scaled in one step, so that no more than the decoded image
				// and the master are held at once
				master = ImageCodec.orientAndScale(master, orientation, Math.min(targetWidth, decodedWidth));
			}
		}
		List<Rendition> made = new ArrayList<>();
		try {
			boolean scaled = master.getWidth() < orientedWidth || subsampling > 1;
			made.add(original(source, type, folder, master, scaled || orientation > 1, keepSize));
			ImageType variantType = (type == ImageType.JPEG || (type == ImageType.WEBP && !ImageCodec.alpha(master)))
					? ImageType.JPEG : ImageType.PNG;
			// largest first, each from the one before it: a resize never starts from the
			// master when a smaller image will do, so its working copy stays small
			BufferedImage from = master;
			List<Rendition> variants = new ArrayList<>();
			for (Variant variant : Variant.values()) {
				variants.add(null);
			}
			for (int i = Variant.values().length - 1; i >= 0; i--) {
				Variant variant = Variant.values()[i];
				if (!keepSize && variant.madeFor(master.getWidth())) {
					boolean fits = from.getWidth() >= variant.width()
							&& (!variant.square() || from.getHeight() >= variant.width());
					BufferedImage image = variant(fits ? from : master, master, variant);
					Rendition written = ImageCodec.write(folder, image, variantType, variant);
					made.add(written);
					variants.set(i, written);
					if (!variant.square()) {
						from = image;
					}
				}
			}
			variants.removeIf(Objects::isNull);
			return new Processed(made.get(0), List.copyOf(variants));
		}
		catch (IOException | RuntimeException ex) {
			made.forEach((rendition) -> deleteQuietly(rendition.file()));
			throw ex;
		}
	}

	/** The original as kept: re-encoded, or its own bytes without their metadata. */
	private Rendition original(Path source, ImageType type, Path folder, BufferedImage master, boolean changed,
			boolean keepType) throws IOException {
		try {
			// an animation is never flattened: it keeps its frames, at its size
			if (type == ImageType.GIF) {
				byte[] gif = Files.readAllBytes(source);
				if (!changed || keepType || GifMetadata.animated(gif)) {
					return ImageCodec.bytes(folder, GifMetadata.strip(gif), type, master);
				}
			}
			if (type == ImageType.WEBP) {
				byte[] webp = Files.readAllBytes(source);
				if (!changed || keepType || ImageCodec.animatedWebp(webp)) {
					return ImageCodec.bytes(folder, WebpMetadata.strip(webp), type, master);
				}
			}
		}
		catch (MalformedImageException ex) {
			throw ImageCodec.unreadable(type);
		}
		ImageType written = switch (type) {
			case JPEG -> ImageType.JPEG;
			case PNG -> ImageType.PNG;
			case GIF -> ImageType.PNG;
			case WEBP -> ImageCodec.alpha(master) ? ImageType.PNG : ImageType.JPEG;
		};
		return ImageCodec.write(folder, master, written, null);
	}

	/**
	 * A variant, made from {@code from} (the master or a larger variant) with the
	 * master's proportions.
	 */
	private static BufferedImage variant(BufferedImage from, BufferedImage master, Variant variant) throws IOException {
		int imageType = ImageCodec.alpha(master) ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB;
		if (variant.square()) {
			return Thumbnails.of(from)
				.crop(Positions.CENTER)
				.size(variant.width(), variant.width())
				.imageType(imageType)
				.asBufferedImage();
		}
		int height = Math.max(1, (int) Math.round((double) master.getHeight() * variant.width() / master.getWidth()));
		return Thumbnails.of(from).forceSize(variant.width(), height).imageType(imageType).asBufferedImage();
	}

	private void waitForTurn() {
		try {
			if (!this.turns.tryAcquire(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
				throw new MediaRefusedException(HttpStatus.SERVICE_UNAVAILABLE,
						"The server is busy with other images; try again in a minute");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new MediaRefusedException(HttpStatus.SERVICE_UNAVAILABLE,
					"The server is stopping; try again in a minute");
		}
	}

	private static String megapixels(long pixels) {
		double value = pixels / 1_000_000.0;
		return (value >= 10) ? String.valueOf(Math.round(value)) : "%.1f".formatted(value);
	}

	static void deleteQuietly(Path file) {
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			log.warn("Could not remove the temporary image " + file.getFileName());
		}
	}

	/**
	 * An image's size in pixels.
	 *
	 * @param width its width
	 * @param height its height
	 */
	record Size(int width, int height) {
	}

	/**
	 * A file made by the pipeline, under a temporary name.
	 *
	 * @param variant which variant it is, or {@code null} for the original
	 * @param type its type
	 * @param file the file
	 * @param width its width in pixels
	 * @param height its height in pixels
	 */
	record Rendition(Variant variant, ImageType type, Path file, int width, int height) {
	}

	/**
	 * What is stored of an image.
	 *
	 * @param original the original, cleaned and at most {@value #MAX_WIDTH} wide
	 * @param variants its variants
	 */
	record Processed(Rendition original, List<Rendition> variants) {

		List<Rendition> all() {
			List<Rendition> all = new ArrayList<>();
			all.add(this.original);
			all.addAll(this.variants);
			return all;
		}

	}

}
