import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Writes a photo as a phone does, for scripts that need one (run with
 * {@code java scripts/PhonePhoto.java OUT [WIDTH HEIGHT]}; 4032 x 3024 by default): noise
 * over a gradient at JPEG quality 0.92, with an APP1 EXIF block in place of the JFIF
 * header: make "StarPunk Phones", model "StarPhone 15 Pro", orientation 6 (the pixels are
 * stored turned) and a GPS position (51 30' 2.52" N, 0 7' 28.56" W).
 */
public class PhonePhoto {

	public static void main(String[] args) throws IOException {
		int width = (args.length > 2) ? Integer.parseInt(args[1]) : 4032;
		int height = (args.length > 2) ? Integer.parseInt(args[2]) : 3024;
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
		Random random = new Random(42);
		byte[] pixels = ((java.awt.image.DataBufferByte) image.getRaster().getDataBuffer()).getData();
		for (int y = 0, i = 0; y < height; y++) {
			for (int x = 0; x < width; x++) {
				int noise = (int) (random.nextGaussian() * 18);
				pixels[i++] = clamp(176 - 80 * y / height + noise);
				pixels[i++] = clamp(112 + 48 * x / width + noise);
				pixels[i++] = clamp(48 + 144 * x / width + noise);
			}
		}
		ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
		ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
		try (ImageOutputStream out = ImageIO.createImageOutputStream(jpeg)) {
			writer.setOutput(out);
			ImageWriteParam param = writer.getDefaultWriteParam();
			param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
			param.setCompressionQuality(0.92f);
			writer.write(null, new IIOImage(image, null, null), param);
		}
		byte[] base = jpeg.toByteArray();
		// skip SOI and the JFIF APP0 segment the writer put first
		int rest = 2 + 2 + (((base[4] & 0xFF) << 8) | (base[5] & 0xFF));
		byte[] app1 = exif();
		ByteBuffer file = ByteBuffer.allocate(4 + 2 + app1.length + base.length - rest);
		file.put(new byte[] { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE1 });
		file.putShort((short) (app1.length + 2));
		file.put(app1);
		file.put(base, rest, base.length - rest);
		Files.write(Path.of(args[0]), file.array());
	}

	private static byte clamp(int value) {
		return (byte) Math.max(0, Math.min(255, value));
	}

	/** "Exif\0\0" and a big-endian TIFF: IFD0 (Make, Model, Orientation, GPS IFD), the GPS IFD. */
	private static byte[] exif() {
		byte[] make = "StarPunk Phones\0".getBytes(StandardCharsets.US_ASCII);
		byte[] model = "StarPhone 15 Pro\0".getBytes(StandardCharsets.US_ASCII);
		int ifd0 = 8;
		int ifd0Size = 2 + 4 * 12 + 4;
		int makeAt = ifd0 + ifd0Size;
		int modelAt = makeAt + make.length;
		int gpsAt = modelAt + model.length;
		int gpsSize = 2 + 4 * 12 + 4;
		int latitudeAt = gpsAt + gpsSize;
		int longitudeAt = latitudeAt + 24;
		ByteBuffer tiff = ByteBuffer.allocate(longitudeAt + 24);
		tiff.put("MM".getBytes(StandardCharsets.US_ASCII)).putShort((short) 42).putInt(ifd0);
		tiff.putShort((short) 4);
		entry(tiff, 0x010F, 2, make.length, makeAt);
		entry(tiff, 0x0110, 2, model.length, modelAt);
		tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) 6).putShort((short) 0);
		entry(tiff, 0x8825, 4, 1, gpsAt);
		tiff.putInt(0);
		tiff.put(make).put(model);
		tiff.putShort((short) 4);
		tiff.putShort((short) 0x0001).putShort((short) 2).putInt(2).put((byte) 'N').put((byte) 0).putShort((short) 0);
		entry(tiff, 0x0002, 5, 3, latitudeAt);
		tiff.putShort((short) 0x0003).putShort((short) 2).putInt(2).put((byte) 'W').put((byte) 0).putShort((short) 0);
		entry(tiff, 0x0004, 5, 3, longitudeAt);
		tiff.putInt(0);
		tiff.putInt(51).putInt(1).putInt(30).putInt(1).putInt(252).putInt(100);
		tiff.putInt(0).putInt(1).putInt(7).putInt(1).putInt(2856).putInt(100);
		byte[] header = "Exif\0\0".getBytes(StandardCharsets.US_ASCII);
		ByteBuffer app1 = ByteBuffer.allocate(header.length + tiff.capacity());
		return app1.put(header).put(tiff.array()).array();
	}

	private static void entry(ByteBuffer tiff, int tag, int type, int count, int offset) {
		tiff.putShort((short) tag).putShort((short) type).putInt(count).putInt(offset);
	}

}
