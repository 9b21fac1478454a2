package io.starpunk.media;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Directory;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifDirectoryBase;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.GpsDirectory;
import com.drew.metadata.gif.GifCommentDirectory;
import com.drew.metadata.icc.IccDirectory;
import com.drew.metadata.iptc.IptcDirectory;
import com.drew.metadata.jpeg.JpegCommentDirectory;
import com.drew.metadata.photoshop.PhotoshopDirectory;
import com.drew.metadata.png.PngDirectory;
import com.drew.metadata.xmp.XmpDirectory;

/**
 * What metadata an image file still carries, as read by metadata-extractor: the answer to
 * "is this image safe to publish?" (none of it is) and the EXIF orientation a decoder has
 * to apply. A file metadata-extractor cannot read gives a report that is not
 * {@link #readable()}, never an exception.
 *
 * @param readable whether the file could be read at all; when false every other component
 * is false and the orientation 1, which says nothing about the file
 * @param location a GPS directory with at least one tag
 * @param exif any EXIF directory (IFD0, Exif SubIFD, GPS, thumbnail, interoperability)
 * @param xmp an XMP packet
 * @param iptc IPTC data or a Photoshop resource block (APP13), which is where IPTC lives
 * in a JPEG
 * @param icc an embedded ICC colour profile
 * @param comments a JPEG COM segment, a GIF comment extension or a PNG text chunk
 * @param orientation the EXIF orientation, 1 to 8; 1 when there is none or it is out of
 * range
 */
record MetadataReport(boolean readable, boolean location, boolean exif, boolean xmp, boolean iptc, boolean icc,
		boolean comments, int orientation) {

	/** The report on a file that could not be read. */
	static final MetadataReport UNREADABLE = new MetadataReport(false, false, false, false, false, false, false, 1);

	/**
	 * The report on an image held in memory.
	 * @param image the file's bytes
	 * @return the report, {@link #UNREADABLE} when it could not be read
	 */
	static MetadataReport of(byte[] image) {
		return read(new ByteArrayInputStream(image));
	}

	/**
	 * The report on an image file.
	 * @param file the file
	 * @return the report, {@link #UNREADABLE} when it could not be read (also when it
	 * does not exist)
	 */
	static MetadataReport of(Path file) {
		try (InputStream in = Files.newInputStream(file)) {
			return read(in);
		}
		catch (Exception ex) {
			return UNREADABLE;
		}
	}

	/**
	 * Whether the file was read and carries no metadata at all.
	 * @return true for a file that is safe to publish as far as metadata goes
	 */
	boolean clean() {
		return this.readable && !carriesMetadata();
	}

	/**
	 * Whether the file was read and carries some metadata.
	 * @return true when any kind of metadata is there
	 */
	boolean carriesMetadata() {
		return this.location || this.exif || this.xmp || this.iptc || this.icc || this.comments;
	}

	private static MetadataReport read(InputStream in) {
		Metadata metadata;
		try {
			metadata = ImageMetadataReader.readMetadata(in);
		}
		catch (Exception | StackOverflowError ex) {
			return UNREADABLE;
		}
		boolean location = false;
		boolean exif = false;
		boolean xmp = false;
		boolean iptc = false;
		boolean icc = false;
		boolean comments = false;
		for (Directory directory : metadata.getDirectories()) {
			location |= directory instanceof GpsDirectory && directory.getTagCount() > 0;
			exif |= directory instanceof ExifDirectoryBase;
			xmp |= directory instanceof XmpDirectory;
			iptc |= directory instanceof IptcDirectory || directory instanceof PhotoshopDirectory;
			icc |= directory instanceof IccDirectory;
			comments |= directory instanceof JpegCommentDirectory || directory instanceof GifCommentDirectory
					|| (directory instanceof PngDirectory && directory.containsTag(PngDirectory.TAG_TEXTUAL_DATA));
		}
		return new MetadataReport(true, location, exif, xmp, iptc, icc, comments, orientation(metadata));
	}

	private static int orientation(Metadata metadata) {
		for (ExifIFD0Directory directory : metadata.getDirectoriesOfType(ExifIFD0Directory.class)) {
			Integer value = directory.getInteger(ExifIFD0Directory.TAG_ORIENTATION);
			if (value != null && value >= 1 && value <= 8) {
				return value;
			}
		}
		return 1;
	}

}
