package io.starpunk.media;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the EXIF (TIFF) bytes of a phone photo by hand, big-endian: IFD0 with Make,
 * Model, Orientation and pointers to an Exif IFD (DateTimeOriginal) and a GPS IFD
 * (51.5007 N, 0.1246 W as degree/minute/second rationals). The same bytes go into a JPEG
 * APP1 (after {@code Exif\0\0}), a PNG {@code eXIf} chunk and a WebP {@code EXIF} chunk.
 */
final class TiffFixture {

	private static final short BYTE = 1;

	private static final short ASCII = 2;

	private static final short SHORT = 3;

	private static final short LONG = 4;

	private static final short RATIONAL = 5;

	private TiffFixture() {
	}

	/**
	 * The TIFF bytes, starting with {@code MM\0*}.
	 * @param orientation the EXIF orientation, 1 to 8
	 * @return the bytes
	 */
	static byte[] exif(int orientation) {
		Ifd gps = new Ifd();
		gps.add(0x0000, BYTE, 4, new byte[] { 2, 3, 0, 0 });
		gps.add(0x0001, ASCII, 2, ascii("N"));
		gps.add(0x0002, RATIONAL, 3, rationals(51, 1, 30, 1, 252, 100));
		gps.add(0x0003, ASCII, 2, ascii("W"));
		gps.add(0x0004, RATIONAL, 3, rationals(0, 1, 7, 1, 2856, 100));
		Ifd exif = new Ifd();
		exif.add(0x9003, ASCII, 20, ascii("2026:06:01 12:00:00"));
		Ifd ifd0 = new Ifd();
		ifd0.add(0x010F, ASCII, TestImages.MAKE.length() + 1, ascii(TestImages.MAKE));
		ifd0.add(0x0110, ASCII, TestImages.MODEL.length() + 1, ascii(TestImages.MODEL));
		ifd0.add(0x0112, SHORT, 1, ByteBuffer.allocate(2).putShort((short) orientation).array());
		int ifd0At = 8;
		int exifAt = ifd0At + ifd0.size() + 24; // two pointers still to add: 24 bytes
		int gpsAt = exifAt + exif.size();
		ifd0.add(0x8769, LONG, 1, ByteBuffer.allocate(4).putInt(exifAt).array());
		ifd0.add(0x8825, LONG, 1, ByteBuffer.allocate(4).putInt(gpsAt).array());
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes(new byte[] { 'M', 'M', 0, 42, 0, 0, 0, 8 });
		out.writeBytes(ifd0.bytes(ifd0At));
		out.writeBytes(exif.bytes(exifAt));
		out.writeBytes(gps.bytes(gpsAt));
		return out.toByteArray();
	}

	/**
	 * The GPS latitude as it sits in the file: three big-endian rationals 51/1, 30/1,
	 * 252/100. Finding these bytes in a file means the GPS IFD is still there.
	 * @return the 24 bytes
	 */
	static byte[] latitudeBytes() {
		return rationals(51, 1, 30, 1, 252, 100);
	}

	private static byte[] rationals(int... parts) {
		ByteBuffer buffer = ByteBuffer.allocate(parts.length * 4);
		for (int part : parts) {
			buffer.putInt(part);
		}
		return buffer.array();
	}

	private static byte[] ascii(String text) {
		return (text + "\0").getBytes(StandardCharsets.US_ASCII);
	}

	/**
	 * One image file directory: its entries, then the values that do not fit in 4 bytes.
	 */
	private static final class Ifd {

		private final List<Entry> entries = new ArrayList<>();

		void add(int tag, short type, int count, byte[] value) {
			this.entries.add(new Entry(tag, type, count, value));
		}

		int size() {
			int size = 2 + 12 * this.entries.size() + 4;
			for (Entry entry : this.entries) {
				if (entry.value.length > 4) {
					size += entry.value.length + (entry.value.length & 1);
				}
			}
			return size;
		}

		byte[] bytes(int offset) {
			this.entries.sort((a, b) -> Integer.compare(a.tag, b.tag));
			ByteBuffer buffer = ByteBuffer.allocate(size()).order(ByteOrder.BIG_ENDIAN);
			int values = offset + 2 + 12 * this.entries.size() + 4;
			ByteArrayOutputStream outOfLine = new ByteArrayOutputStream();
			buffer.putShort((short) this.entries.size());
			for (Entry entry : this.entries) {
				buffer.putShort((short) entry.tag).putShort(entry.type).putInt(entry.count);
				if (entry.value.length > 4) {
					buffer.putInt(values + outOfLine.size());
					outOfLine.writeBytes(entry.value);
					if ((entry.value.length & 1) != 0) {
						outOfLine.write(0);
					}
				}
				else {
					byte[] inline = new byte[4];
					System.arraycopy(entry.value, 0, inline, 0, entry.value.length);
					buffer.put(inline);
				}
			}
			buffer.putInt(0);
			buffer.put(outOfLine.toByteArray());
			return buffer.array();
		}

	}

	private record Entry(int tag, short type, int count, byte[] value) {
	}

}
