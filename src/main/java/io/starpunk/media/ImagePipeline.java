package io.starpunk.media;

import java.awt.AlphaComposite;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.color.ColorSpace;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.awt.image.ColorConvertOp;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.ImageProcessingException;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
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

	private static final float JPEG_QUALITY = 0.88f;

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

	/**
	 * Width and height from the file's header, without decoding it.
	 * @param file an image file
	 * @return its size
	 * @throws MediaRefusedException 415 when it cannot be read
	 */
	static Size size(Path file, ImageType type) {
		try (ImageInputStream input = ImageIO.createImageInputStream(file.toFile())) {
			ImageReader reader = reader(input, type);
			try {
				reader.setInput(input, true, true);
				return new Size(reader.getWidth(0), reader.getHeight(0));
			}
			finally {
				reader.dispose();
			}
		}
		catch (IOException | RuntimeException ex) {
			throw unreadable(type);
		}
	}

	private Processed run(Path source, ImageType type, Path folder, boolean keepSize) {
		Size size = size(source, type);
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
				throw unreadable(type);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Could not read an upload", ex);
			}
		}
		int orientation = orientation(source, type);
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
		if (inBands(source, type, size, subsampling)) {
			master = srgb(decodeInBands(source, type, size, subsampling, orientation, targetWidth));
		}
		else {
			master = srgb(decode(source, type, subsampling));
			int decodedWidth = turned ? master.getHeight() : master.getWidth();
			if (decodedWidth > targetWidth || orientation > 1) {
				// turned and scaled in one step, so that no more than the decoded image
				// and the master are held at once
				master = orientAndScale(master, orientation, Math.min(targetWidth, decodedWidth));
			}
		}
		List<Rendition> made = new ArrayList<>();
		try {
			boolean scaled = master.getWidth() < orientedWidth || subsampling > 1;
			made.add(original(source, type, folder, master, scaled || orientation > 1, keepSize));
			ImageType variantType = (type == ImageType.JPEG || (type == ImageType.WEBP && !alpha(master)))
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
					Rendition written = write(folder, image, variantType, variant);
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
					return bytes(folder, GifMetadata.strip(gif), type, master);
				}
			}
			if (type == ImageType.WEBP) {
				byte[] webp = Files.readAllBytes(source);
				if (!changed || keepType || animatedWebp(webp)) {
					return bytes(folder, WebpMetadata.strip(webp), type, master);
				}
			}
		}
		catch (MalformedImageException ex) {
			throw unreadable(type);
		}
		ImageType written = switch (type) {
			case JPEG -> ImageType.JPEG;
			case PNG -> ImageType.PNG;
			case GIF -> ImageType.PNG;
			case WEBP -> alpha(master) ? ImageType.PNG : ImageType.JPEG;
		};
		return write(folder, master, written, null);
	}

	/** Whether a WebP is extended ({@code VP8X}) with its animation flag set. */
	private static boolean animatedWebp(byte[] webp) {
		return webp.length > 20 && webp[12] == 'V' && webp[13] == 'P' && webp[14] == '8' && webp[15] == 'X'
				&& (webp[20] & 0x02) != 0;
	}

	private static Rendition bytes(Path folder, byte[] content, ImageType type, BufferedImage master)
			throws IOException {
		Path file = Files.createTempFile(folder, ".image-", "." + type.extension());
		try {
			Files.write(file, content);
		}
		catch (IOException ex) {
			deleteQuietly(file);
			throw ex;
		}
		sync(file);
		return new Rendition(null, type, file, master.getWidth(), master.getHeight());
	}

	/** Flushes a written file to disk, as a move into place expects. */
	private static void sync(Path file) throws IOException {
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
			channel.force(true);
		}
	}

	/**
	 * A variant, made from {@code from} (the master or a larger variant) with the
	 * master's proportions.
	 */
	private static BufferedImage variant(BufferedImage from, BufferedImage master, Variant variant) throws IOException {
		int imageType = alpha(master) ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB;
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

	private static Rendition write(Path folder, BufferedImage image, ImageType type, Variant variant)
			throws IOException {
		Path file = Files.createTempFile(folder, ".image-", "." + type.extension());
		try (OutputStream out = Files.newOutputStream(file);
				ImageOutputStream output = ImageIO.createImageOutputStream(out)) {
			ImageWriter writer = ImageIO.getImageWritersByFormatName(type == ImageType.JPEG ? "jpeg" : "png").next();
			try {
				writer.setOutput(output);
				ImageWriteParam param = writer.getDefaultWriteParam();
				BufferedImage written = image;
				if (type == ImageType.JPEG) {
					param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
					param.setCompressionQuality(JPEG_QUALITY);
					written = opaque(image);
				}
				// no metadata is given, so none is written
				writer.write(null, new IIOImage(written, null, null), param);
			}
			finally {
				writer.dispose();
			}
		}
		catch (IOException | RuntimeException ex) {
			deleteQuietly(file);
			throw ex;
		}
		sync(file);
		return new Rendition(variant, type, file, image.getWidth(), image.getHeight());
	}

	private static BufferedImage decode(Path source, ImageType type, int subsampling) throws IOException {
		try (ImageInputStream input = ImageIO.createImageInputStream(source.toFile())) {
			ImageReader reader = reader(input, type);
			try {
				reader.setInput(input, true, true);
				ImageReadParam param = reader.getDefaultReadParam();
				if (subsampling > 1) {
					param.setSourceSubsampling(subsampling, subsampling, 0, 0);
				}
				return reader.read(0, param);
			}
			finally {
				reader.dispose();
			}
		}
		catch (IOException | RuntimeException ex) {
			log.debug("Could not decode an uploaded " + type.contentType(), ex);
			throw unreadable(type);
		}
	}

	/**
	 * Whether a JPEG's decoder would hold it twice ({@link JpegColour}) and it is large.
	 */
	private static boolean inBands(Path source, ImageType type, Size size, int subsampling) {
		return type == ImageType.JPEG
				&& ((long) size.width() / subsampling) * (size.height() / subsampling) > BAND_PIXELS
				&& JpegColour.converted(source);
	}

	/**
	 * Decodes a JPEG whose colours the decoder converts (it holds what it reads and the
	 * converted copy at once) in bands of about {@value #BAND_PIXELS} pixels, each turned
	 * and scaled into the master as it comes, so that the whole decoded image is never
	 * held. A band overlaps its neighbours by a row, and draws only its own rows, so the
	 * bilinear scaling sees the same neighbours as in one piece. Each band is decoded
	 * from the start of the file, so this costs time.
	 */
	private static BufferedImage decodeInBands(Path source, ImageType type, Size size, int subsampling, int orientation,
			int targetWidth) {
		int w = (size.width() + subsampling - 1) / subsampling;
		int h = (size.height() + subsampling - 1) / subsampling;
		int orientedWidth = (orientation >= 5) ? h : w;
		int orientedHeight = (orientation >= 5) ? w : h;
		int width = Math.min(targetWidth, orientedWidth);
		int height = Math.max(1, (int) Math.round((double) orientedHeight * width / orientedWidth));
		AffineTransform transform = transform(orientation, w, h, width, height);
		int rows = (int) Math.max(1, BAND_PIXELS / w);
		try (ImageInputStream input = ImageIO.createImageInputStream(source.toFile())) {
			ImageReader reader = reader(input, type);
			BufferedImage master = null;
			Graphics2D graphics = null;
			try {
				reader.setInput(input, false, true);
				for (int r0 = 0; r0 < h; r0 += rows) {
					int r1 = Math.min(h, r0 + rows);
					int first = Math.max(0, r0 - 1);
					int last = Math.min(h, r1 + 1);
					ImageReadParam param = reader.getDefaultReadParam();
					int y = first * subsampling;
					param.setSourceRegion(new Rectangle(0, y, size.width(),
							Math.min(size.height() - y, (last - first) * subsampling)));
					if (subsampling > 1) {
						param.setSourceSubsampling(subsampling, subsampling, 0, 0);
					}
					BufferedImage band = reader.read(0, param);
					if (master == null) {
						master = new BufferedImage(width, height,
								alpha(band) ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_3BYTE_BGR);
						graphics = drawing(master);
					}
					graphics.setClip(transform.createTransformedShape(new Rectangle(0, r0, w, r1 - r0)));
					AffineTransform at = new AffineTransform(transform);
					at.translate(0, first);
					graphics.drawImage(band, at, null);
				}
				return master;
			}
			finally {
				if (graphics != null) {
					graphics.dispose();
				}
				reader.dispose();
			}
		}
		catch (IOException | RuntimeException ex) {
			log.debug("Could not decode an uploaded " + type.contentType(), ex);
			throw unreadable(type);
		}
	}

	private static ImageReader reader(ImageInputStream input, ImageType type) {
		if (input == null) {
			throw unreadable(type);
		}
		Iterator<ImageReader> readers = ImageIO.getImageReadersByMIMEType(type.contentType());
		if (!readers.hasNext()) {
			throw new IllegalStateException("No ImageIO reader for " + type.contentType());
		}
		return readers.next();
	}

	/**
	 * The image in sRGB, converted from another colour space (a camera's ICC profile).
	 */
	private static BufferedImage srgb(BufferedImage image) {
		ColorSpace space = image.getColorModel().getColorSpace();
		if (space.isCS_sRGB() && image.getType() != BufferedImage.TYPE_CUSTOM) {
			return image;
		}
		BufferedImage converted = new BufferedImage(image.getWidth(), image.getHeight(),
				alpha(image) ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
		new ColorConvertOp(null).filter(image, converted);
		return converted;
	}

	/**
	 * The image turned as its EXIF orientation says and scaled to a width, in one
	 * bilinear step (the decoded image is never more than twice that width: see the
	 * subsampling). An opaque image is made with three bytes a pixel, as the JPEG writer
	 * takes it.
	 */
	private static BufferedImage orientAndScale(BufferedImage image, int orientation, int width) {
		int w = image.getWidth();
		int h = image.getHeight();
		boolean turned = orientation >= 5;
		int orientedWidth = turned ? h : w;
		int orientedHeight = turned ? w : h;
		int height = Math.max(1, (int) Math.round((double) orientedHeight * width / orientedWidth));
		AffineTransform transform = transform(orientation, w, h, width, height);
		BufferedImage target = new BufferedImage(width, height,
				alpha(image) ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_3BYTE_BGR);
		Graphics2D graphics = drawing(target);
		try {
			graphics.drawImage(image, transform, null);
		}
		finally {
			graphics.dispose();
		}
		return target;
	}

	/**
	 * Where each pixel of a w x h image goes when it is turned as its EXIF orientation
	 * says (1 to 8) and scaled to width x height.
	 */
	private static AffineTransform transform(int orientation, int w, int h, int width, int height) {
		AffineTransform turn = switch (orientation) {
			case 2 -> new AffineTransform(-1, 0, 0, 1, w, 0);
			case 3 -> new AffineTransform(-1, 0, 0, -1, w, h);
			case 4 -> new AffineTransform(1, 0, 0, -1, 0, h);
			case 5 -> new AffineTransform(0, 1, 1, 0, 0, 0);
			case 6 -> new AffineTransform(0, 1, -1, 0, h, 0);
			case 7 -> new AffineTransform(0, -1, -1, 0, h, w);
			case 8 -> new AffineTransform(0, -1, 1, 0, 0, w);
			default -> new AffineTransform();
		};
		boolean turned = orientation >= 5;
		AffineTransform transform = AffineTransform.getScaleInstance((double) width / (turned ? h : w),
				(double) height / (turned ? w : h));
		transform.concatenate(turn);
		return transform;
	}

	/** Graphics that draw with bilinear interpolation, replacing what is there. */
	private static Graphics2D drawing(BufferedImage target) {
		Graphics2D graphics = target.createGraphics();
		graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
		graphics.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
		graphics.setComposite(AlphaComposite.Src);
		return graphics;
	}

	private static BufferedImage opaque(BufferedImage image) {
		if (!alpha(image)) {
			return image;
		}
		BufferedImage opaque = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
		Graphics2D graphics = opaque.createGraphics();
		try {
			graphics.setColor(java.awt.Color.WHITE);
			graphics.fillRect(0, 0, image.getWidth(), image.getHeight());
			graphics.drawImage(image, 0, 0, null);
		}
		finally {
			graphics.dispose();
		}
		return opaque;
	}

	private static boolean alpha(BufferedImage image) {
		return image.getColorModel().hasAlpha();
	}

	/** The EXIF orientation, 1 to 8; 1 when there is none or it cannot be read. */
	static int orientation(Path file, ImageType type) {
		if (type == ImageType.GIF) {
			return 1;
		}
		try {
			Metadata metadata = ImageMetadataReader.readMetadata(file.toFile());
			for (ExifIFD0Directory directory : metadata.getDirectoriesOfType(ExifIFD0Directory.class)) {
				Integer value = directory.getInteger(ExifIFD0Directory.TAG_ORIENTATION);
				if (value != null && value >= 1 && value <= 8) {
					return value;
				}
			}
		}
		catch (ImageProcessingException | IOException | RuntimeException ex) {
			log.debug("No orientation read from an uploaded " + type.contentType(), ex);
		}
		return 1;
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

	private static MediaRefusedException unreadable(ImageType type) {
		return new MediaRefusedException(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
				"The file starts like a " + type.name() + " image but could not be read as one");
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
