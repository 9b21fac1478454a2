package db.migration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import io.starpunk.database.MigrationPlaceholders;

/**
 * Fills the columns V007 added to the images stored before it:
 * <ul>
 * <li>{@code width} and {@code height}, read from each file's header (never by decoding
 * it); a file that is missing or unreadable keeps them NULL and is named in a
 * warning;</li>
 * <li>{@code original_id} and {@code variant} for the variants StarPunk 1.4/1.5 made,
 * whose files are named {@code <name>_<variant>.<ext>} next to their original
 * {@code <name>.<ext>}: they are used as they are, same URLs and same bytes.</li>
 * </ul>
 * No file is written or changed.
 */
public class V7_1__Measure_images_and_link_variants extends BaseJavaMigration {

	private static final Log log = LogFactory.getLog(V7_1__Measure_images_and_link_variants.class);

	private static final Pattern VARIANT = Pattern.compile("(.+)_(thumb|small|medium|large)\\.[A-Za-z0-9]+");

	@Override
	public void migrate(Context context) throws Exception {
		Connection connection = context.getConnection();
		Map<String, String> placeholders = context.getConfiguration().getPlaceholders();
		Path dataPath = Path.of(MigrationPlaceholders.required(placeholders, MigrationPlaceholders.DATA_PATH))
			.toAbsolutePath()
			.normalize();
		List<Row> rows = new ArrayList<>();
		try (PreparedStatement select = connection.prepareStatement("SELECT id, path FROM media ORDER BY id");
				ResultSet result = select.executeQuery()) {
			while (result.next()) {
				rows.add(new Row(result.getLong(1), result.getString(2)));
			}
		}
		if (rows.isEmpty()) {
			return;
		}
		ImageIO.scanForPlugins();
		int measured = 0;
		try (PreparedStatement update = connection
			.prepareStatement("UPDATE media SET width = ?, height = ? WHERE id = ?")) {
			for (Row row : rows) {
				int[] size = size(dataPath, row.path());
				if (size != null) {
					update.setInt(1, size[0]);
					update.setInt(2, size[1]);
					update.setLong(3, row.id());
					measured += update.executeUpdate();
				}
			}
		}
		Map<String, Long> byStem = new HashMap<>();
		for (Row row : rows) {
			String name = row.path();
			int dot = name.lastIndexOf('.');
			if (dot > name.lastIndexOf('/') && !VARIANT.matcher(fileName(name)).matches()) {
				byStem.put(name.substring(0, dot), row.id());
			}
		}
		int linked = 0;
		try (PreparedStatement update = connection
			.prepareStatement("UPDATE media SET original_id = ?, variant = ? WHERE id = ?")) {
			for (Row row : rows) {
				Matcher variant = VARIANT.matcher(fileName(row.path()));
				if (!variant.matches()) {
					continue;
				}
				String folder = row.path().substring(0, row.path().lastIndexOf('/') + 1);
				Long original = byStem.get(folder + variant.group(1));
				if (original != null) {
					update.setLong(1, original);
					update.setString(2, variant.group(2));
					update.setLong(3, row.id());
					linked += update.executeUpdate();
				}
			}
		}
		log.info("Measured " + measured + " of " + rows.size() + " stored image(s); linked " + linked
				+ " StarPunk image variant(s) to their originals");
	}

	private static String fileName(String path) {
		return path.substring(path.lastIndexOf('/') + 1);
	}

	/** Width and height from the file's header, or {@code null}. */
	private static int[] size(Path dataPath, String path) {
		Path file = dataPath.resolve(path).normalize();
		if (!file.startsWith(dataPath) || !Files.isRegularFile(file)) {
			log.warn("Stored image " + path + " is missing; its size stays unknown");
			return null;
		}
		try (ImageInputStream input = ImageIO.createImageInputStream(file.toFile())) {
			Iterator<ImageReader> readers = (input != null) ? ImageIO.getImageReaders(input) : null;
			if (readers == null || !readers.hasNext()) {
				log.warn("Stored file " + path + " is not an image this server can read; its size stays unknown");
				return null;
			}
			ImageReader reader = readers.next();
			try {
				reader.setInput(input, true, true);
				return new int[] { reader.getWidth(0), reader.getHeight(0) };
			}
			finally {
				reader.dispose();
			}
		}
		catch (IOException | RuntimeException ex) {
			log.warn("Could not read the size of stored image " + path + " (" + ex.getClass().getSimpleName() + ")");
			return null;
		}
	}

	private record Row(long id, String path) {
	}

}
