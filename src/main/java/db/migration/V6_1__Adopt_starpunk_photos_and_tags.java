package db.migration;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import org.springframework.web.util.UriUtils;

import io.starpunk.config.Sha256;
import io.starpunk.config.SqlTime;
import io.starpunk.database.MigrationPlaceholders;
import io.starpunk.database.SchemaShape.Table;
import io.starpunk.database.SchemaShape;
import io.starpunk.database.StarpunkAdditions;
import io.starpunk.notes.TagNames;

/**
 * Imports what V2.1 set aside from a StarPunk 1.2-1.5 database ({@code starpunk_media},
 * {@code starpunk_note_media}, {@code starpunk_media_variants}, {@code starpunk_tags},
 * {@code starpunk_note_tags}) into this server's tables, then drops those tables. On a
 * new database, or one without them, it does nothing.
 * <ul>
 * <li>Every StarPunk image and image variant whose file is under {@code DATA_PATH/media/}
 * becomes a row of {@code media}, as the media endpoint writes them: path {@code media/}
 * + StarPunk's path, its type, and the size and SHA-256 of the file's bytes. The files
 * are not touched: the old URLs {@code /media/YYYY/MM/<file>} answer with the same bytes.
 * A file that is missing is named in one warning and skipped.</li>
 * <li>Each note's photos, in StarPunk's {@code display_order}, become its {@code photo}
 * property: {@code {"value": url, "alt": caption}}, or the URL alone without a caption.
 * The URL is absolute, on SITE_URL. A photo whose file is missing stays on its note (its
 * caption and place are not lost; the warning says so).</li>
 * <li>Each note's tags become its {@code category} property, in their display spelling,
 * ordered by name, added to any categories it has unless one with the same normalised
 * name is there. This server derives its own {@code tags} and {@code note_tags} from that
 * property.</li>
 * </ul>
 * Columns are read by name, and the optional ones (caption, display order, type, times)
 * may be missing. Values come from the {@link MigrationPlaceholders}.
 */
public class V6_1__Adopt_starpunk_photos_and_tags extends BaseJavaMigration {

	private static final Log log = LogFactory.getLog(V6_1__Adopt_starpunk_photos_and_tags.class);

	private static final Map<String, String> TYPES_BY_EXTENSION = Map.of("jpg", "image/jpeg", "jpeg", "image/jpeg",
			"png", "image/png", "gif", "image/gif", "webp", "image/webp");

	private static final String UNKNOWN_TYPE = "application/octet-stream";

	@Override
	public void migrate(Context context) throws Exception {
		Connection connection = context.getConnection();
		SchemaShape shape = SchemaShape.read(connection);
		Map<String, Table> tables = new LinkedHashMap<>();
		for (String name : StarpunkAdditions.SET_ASIDE) {
			Table table = shape.table(StarpunkAdditions.setAsideName(name));
			if (table != null) {
				tables.put(name, table);
			}
		}
		if (tables.isEmpty()) {
			return;
		}
		Map<String, String> placeholders = context.getConfiguration().getPlaceholders();
		String siteUrl = MigrationPlaceholders.required(placeholders, MigrationPlaceholders.SITE_URL);
		Path media = Path.of(MigrationPlaceholders.required(placeholders, MigrationPlaceholders.DATA_PATH))
			.resolve("media")
			.toAbsolutePath()
			.normalize();
		String now = MigrationPlaceholders.required(placeholders, MigrationPlaceholders.UPGRADE_TIME);

		int files = importFiles(connection, tables, media, now);
		Map<Long, Map<String, List<Object>>> additions = new TreeMap<>();
		int photos = collectPhotos(connection, tables, media, siteUrl, additions);
		int categories = collectCategories(connection, tables, additions);
		for (Map.Entry<Long, Map<String, List<Object>>> note : additions.entrySet()) {
			NotePropertyAdditions.add(connection, note.getKey(), note.getValue());
		}
		for (String name : StarpunkAdditions.SET_ASIDE) {
			if (tables.containsKey(name)) {
				execute(connection, "DROP TABLE " + quoted(StarpunkAdditions.setAsideName(name)));
			}
		}
		log.info("Adopted StarPunk's photos and tags: " + files + " media file(s), " + photos + " photo(s) and "
				+ categories + " tag(s) on " + additions.size() + " note(s)");
	}

	/** Rows of {@code media} for StarPunk's images, then their variants. */
	private static int importFiles(Connection connection, Map<String, Table> tables, Path media, String now)
			throws SQLException, IOException {
		List<String[]> candidates = new ArrayList<>();
		Table images = tables.get("media");
		Map<String, String> typeOfImage = new LinkedHashMap<>();
		if (images != null) {
			String sql = "SELECT " + quoted("id") + ", " + quoted("path") + ", " + optional(images, "mime_type") + ", "
					+ optional(images, "uploaded_at", "created_at") + " FROM " + quoted(images.name()) + " ORDER BY "
					+ quoted("id");
			for (String[] row : query(connection, sql, 4)) {
				candidates.add(new String[] { row[1], contentType(row[1], row[2]), row[3] });
				typeOfImage.put(row[0], contentType(row[1], row[2]));
			}
		}
		Table variants = tables.get("media_variants");
		if (variants != null) {
			String sql = "SELECT " + quoted("media_id") + ", " + quoted("path") + ", "
					+ optional(variants, "created_at") + " FROM " + quoted(variants.name()) + " ORDER BY "
					+ quoted("media_id") + ", " + (variants.hasColumn("id") ? quoted("id") : "rowid");
			for (String[] row : query(connection, sql, 3)) {
				// a variant's type is its file's; its image's when the extension says
				// nothing
				String type = contentType(row[1], null);
				candidates.add(new String[] { row[1],
						type.equals(UNKNOWN_TYPE) ? contentType(row[1], typeOfImage.get(row[0])) : type, row[2] });
			}
		}
		Set<String> done = new HashSet<>();
		int imported = 0;
		for (String[] candidate : candidates) {
			String path = relative(candidate[0]);
			if (path == null || !done.add(path)) {
				continue;
			}
			Path file = media.resolve(path).normalize();
			if (!file.startsWith(media) || file.equals(media)) {
				log.warn("StarPunk media path '" + candidate[0] + "' is not under " + media + "; not imported");
				continue;
			}
			if (!Files.isRegularFile(file)) {
				log.warn("StarPunk media file " + file + " is missing; not imported, its URL will answer 404");
				continue;
			}
			byte[] bytes = Files.readAllBytes(file);
			try (PreparedStatement insert = connection.prepareStatement("""
					INSERT INTO media (path, content_type, size_bytes, content_hash, created_at)
					VALUES (?, ?, ?, ?, ?)
					ON CONFLICT (path) DO NOTHING
					""")) {
				insert.setString(1, "media/" + path);
				insert.setString(2, candidate[1]);
				insert.setLong(3, bytes.length);
				insert.setString(4, Sha256.hex(bytes));
				insert.setString(5, timestamp(candidate[2], now));
				imported += insert.executeUpdate();
			}
		}
		return imported;
	}

	/** Each note's photos, in display order, as {@code photo} values. */
	private static int collectPhotos(Connection connection, Map<String, Table> tables, Path media, String siteUrl,
			Map<Long, Map<String, List<Object>>> additions) throws SQLException {
		Table links = tables.get("note_media");
		Table images = tables.get("media");
		if (links == null || images == null) {
			return 0;
		}
		String sql = "SELECT l." + quoted("note_id") + ", m." + quoted("path") + ", "
				+ optionalOf(links, "l.", "caption") + " FROM " + quoted(links.name()) + " l JOIN "
				+ quoted(images.name()) + " m ON m." + quoted("id") + " = l." + quoted("media_id")
				+ " JOIN notes n ON n.id = l." + quoted("note_id") + " ORDER BY l." + quoted("note_id") + ", "
				+ (links.hasColumn("display_order") ? "l." + quoted("display_order") + ", " : "")
				+ (links.hasColumn("id") ? "l." + quoted("id") : "l.rowid");
		int count = 0;
		for (String[] row : query(connection, sql, 3)) {
			String path = relative(row[1]);
			if (path == null) {
				continue;
			}
			long note = Long.parseLong(row[0]);
			String url = siteUrl + "media/"
					+ Arrays.stream(path.split("/"))
						.map((segment) -> UriUtils.encodePathSegment(segment, StandardCharsets.UTF_8))
						.collect(Collectors.joining("/"));
			if (!Files.isRegularFile(media.resolve(path).normalize())) {
				log.warn("Note " + note + " keeps its photo " + url + " although the file is missing");
			}
			String caption = (row[2] != null) ? row[2].strip() : "";
			Object photo = caption.isEmpty() ? url : orderedMap("value", url, "alt", caption);
			additions.computeIfAbsent(note, (id) -> new LinkedHashMap<>())
				.computeIfAbsent("photo", (name) -> new ArrayList<>())
				.add(photo);
			count++;
		}
		return count;
	}

	/** Each note's tags, ordered by name, as {@code category} values. */
	private static int collectCategories(Connection connection, Map<String, Table> tables,
			Map<Long, Map<String, List<Object>>> additions) throws SQLException {
		Table links = tables.get("note_tags");
		Table tags = tables.get("tags");
		if (links == null || tags == null) {
			return 0;
		}
		String name = tags.hasColumn("name") ? "t." + quoted("name") : "NULL";
		String display = tags.hasColumn("display_name") ? "t." + quoted("display_name") : "NULL";
		String sql = "SELECT l." + quoted("note_id") + ", " + display + ", " + name + " FROM " + quoted(links.name())
				+ " l JOIN " + quoted(tags.name()) + " t ON t." + quoted("id") + " = l." + quoted("tag_id")
				+ " JOIN notes n ON n.id = l." + quoted("note_id") + " ORDER BY l." + quoted("note_id") + ", "
				+ "coalesce(" + name + ", " + display + "), t." + quoted("id");
		int count = 0;
		for (String[] row : query(connection, sql, 3)) {
			String spelling = (row[1] != null && !row[1].isBlank()) ? row[1] : row[2];
			if (spelling == null || TagNames.normalise(spelling).isEmpty()) {
				continue;
			}
			additions.computeIfAbsent(Long.parseLong(row[0]), (id) -> new LinkedHashMap<>())
				.computeIfAbsent("category", (key) -> new ArrayList<>())
				.add(TagNames.display(spelling));
			count++;
		}
		return count;
	}

	private static Map<String, Object> orderedMap(String key1, Object value1, String key2, Object value2) {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put(key1, value1);
		map.put(key2, value2);
		return map;
	}

	/** StarPunk's path under {@code media/}, with {@code /} separators, or null. */
	private static String relative(String path) {
		if (path == null || path.isBlank()) {
			return null;
		}
		String relative = path.strip().replace('\\', '/');
		while (relative.startsWith("/")) {
			relative = relative.substring(1);
		}
		return relative.isEmpty() ? null : relative;
	}

	/** The type StarPunk recorded, else the one the file's extension says. */
	private static String contentType(String path, String given) {
		if (path == null) {
			return UNKNOWN_TYPE;
		}
		if (given != null && given.strip().matches("[A-Za-z0-9.+-]+/[A-Za-z0-9.+-]+")) {
			return given.strip().toLowerCase(Locale.ROOT);
		}
		int dot = path.lastIndexOf('.');
		String extension = (dot >= 0) ? path.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
		return TYPES_BY_EXTENSION.getOrDefault(extension, UNKNOWN_TYPE);
	}

	/** A StarPunk timestamp in this server's form, or the upgrade's time. */
	private static String timestamp(String text, String now) {
		if (text == null || text.isBlank()) {
			return now;
		}
		try {
			return SqlTime.text(SqlTime.instant(text.strip()));
		}
		catch (DateTimeParseException ex) {
			return now;
		}
	}

	/** A column if the table has it, else {@code NULL}; the first of several it has. */
	private static String optional(Table table, String... columns) {
		return optionalOf(table, "", columns);
	}

	private static String optionalOf(Table table, String prefix, String... columns) {
		for (String column : columns) {
			if (table.hasColumn(column)) {
				return prefix + quoted(column);
			}
		}
		return "NULL";
	}

	private static List<String[]> query(Connection connection, String sql, int columns) throws SQLException {
		List<String[]> result = new ArrayList<>();
		try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
			while (rows.next()) {
				String[] row = new String[columns];
				for (int i = 0; i < columns; i++) {
					row[i] = rows.getString(i + 1);
				}
				result.add(row);
			}
		}
		return result;
	}

	private static void execute(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.executeUpdate(sql);
		}
	}

	private static String quoted(String identifier) {
		return "\"" + identifier.replace("\"", "\"\"") + "\"";
	}

}
