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
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;

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
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.http.HttpStatus;

/**
 * How the pipeline reads and writes pixels: the size from a header, decoding (whole,
 * subsampled, or in bands turned and scaled on the way), colours to sRGB, the EXIF
 * orientation, and writing JPEG and PNG without metadata, each file flushed to disk.
 */
final class ImageCodec {

	private static final Log log = LogFactory.getLog(ImageCodec.class);

	static final float JPEG_QUALITY = 0.88f;

	private ImageCodec() {
	}

	/**
	 * Width and height from the file's header, without decoding it.
	 * @param file an image file
	 * @return its size
	 * @throws MediaRefusedException 415 when it cannot be read
	 */
	static ImagePipeline.Size size(Path file, ImageType type) {
		try (ImageInputStream input = ImageIO.createImageInputStream(file.toFile())) {
			ImageReader reader = reader(input, type);
			try {
				reader.setInput(input, true, true);
				return new ImagePipeline.Size(reader.getWidth(0), reader.getHeight(0));
			}
			finally {
				reader.dispose();
			}
		}
		catch (IOException | RuntimeException ex) {
			throw unreadable(type);
		}
	}

	/** Whether a WebP is extended ({@code VP8X}) with its animation flag set. */
	static boolean animatedWebp(byte[] webp) {
		return webp.length > 20 && webp[12] == 'V' && webp[13] == 'P' && webp[14] == '8' && webp[15] == 'X'
				&& (webp[20] & 0x02) != 0;
	}

	static ImagePipeline.Rendition bytes(Path folder, byte[] content, ImageType type, BufferedImage master)
			throws IOException {
		Path file = Files.createTempFile(folder, ".image-", "." + type.extension());
		try {
			Files.write(file, content);
		}
		catch (IOException ex) {
			ImagePipeline.deleteQuietly(file);
			throw ex;
		}
		sync(file);
		return new ImagePipeline.Rendition(null, type, file, master.getWidth(), master.getHeight());
	}

	/** Flushes a written file to disk, as a move into place expects. */
	static void sync(Path file) throws IOException {
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
			channel.force(true);
		}
	}

	static ImagePipeline.Rendition write(Path folder, BufferedImage image, ImageType type, Variant variant)
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
			ImagePipeline.deleteQuietly(file);
			throw ex;
		}
		sync(file);
		return new ImagePipeline.Rendition(variant, type, file, image.getWidth(), image.getHeight());
	}

	static BufferedImage decode(Path source, ImageType type, int subsampling) throws IOException {
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
	static boolean inBands(Path source, ImageType type, ImagePipeline.Size size, int subsampling) {
		return type == ImageType.JPEG
				&& ((long) size.width() / subsampling) * (size.height() / subsampling) > ImagePipeline.BAND_PIXELS
				&& JpegColour.converted(source);
	}

	/**
	 * Decodes a JPEG whose colours the decoder converts (it holds what it reads and the
	 * converted copy at once) in bands of about {@value #ImagePipeline.BAND_PIXELS}
	 * pixels, each turned and scaled into the master as it comes, so that the whole
	 * decoded image is never held. A band overlaps its neighbours by a row, and draws
	 * only its own rows, so the bilinear scaling sees the same neighbours as in one
	 * piece. Each band is decoded from the start of the file, so this costs time.
	 */
	static BufferedImage decodeInBands(Path source, ImageType type, ImagePipeline.Size size, int subsampling,
			int orientation, int targetWidth) {
		int w = (size.width() + subsampling - 1) / subsampling;
		int h = (size.height() + subsampling - 1) / subsampling;
		int orientedWidth = (orientation >= 5) ? h : w;
		int orientedHeight = (orientation >= 5) ? w : h;
		int width = Math.min(targetWidth, orientedWidth);
		int height = Math.max(1, (int) Math.round((double) orientedHeight * width / orientedWidth));
		AffineTransform transform = transform(orientation, w, h, width, height);
		int rows = (int) Math.max(1, ImagePipeline.BAND_PIXELS / w);
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

	static ImageReader reader(ImageInputStream input, ImageType type) {
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
	static BufferedImage srgb(BufferedImage image) {
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
	static BufferedImage orientAndScale(BufferedImage image, int orientation, int width) {
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
	static AffineTransform transform(int orientation, int w, int h, int width, int height) {
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
	static Graphics2D drawing(BufferedImage target) {
		Graphics2D graphics = target.createGraphics();
		graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
		graphics.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
		graphics.setComposite(AlphaComposite.Src);
		return graphics;
	}

	static BufferedImage opaque(BufferedImage image) {
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

	static boolean alpha(BufferedImage image) {
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

	static MediaRefusedException unreadable(ImageType type) {
		return new MediaRefusedException(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
				"The file starts like a " + type.name() + " image but could not be read as one");
	}

}
