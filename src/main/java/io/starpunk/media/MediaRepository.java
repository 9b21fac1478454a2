package io.starpunk.media;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

import io.starpunk.config.SqlTime;

/**
 * The {@code media} table: one row per stored file, named by its path under
 * {@code DATA_PATH}; a variant's row points at its original's.
 */
@Repository
class MediaRepository {

	private static final String COLUMNS = "id, path, content_type, size_bytes, content_hash, created_at, width, height, "
			+ "original_id, variant";

	private final JdbcClient jdbc;

	MediaRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Records a file.
	 * @return its id
	 */
	long insert(String path, String contentType, long size, String contentHash, Instant now, Integer width,
			Integer height, Long originalId, String variant) {
		KeyHolder key = new GeneratedKeyHolder();
		this.jdbc.sql("""
				INSERT INTO media (path, content_type, size_bytes, content_hash, created_at, width, height,
				    original_id, variant)
				VALUES (:path, :contentType, :size, :hash, :now, :width, :height, :originalId, :variant)
				""")
			.param("path", path)
			.param("contentType", contentType)
			.param("size", size)
			.param("hash", contentHash)
			.param("now", SqlTime.text(now))
			.param("width", width)
			.param("height", height)
			.param("originalId", originalId)
			.param("variant", variant)
			.update(key);
		return key.getKey().longValue();
	}

	/** A file's bytes changed in place (cleaned): its size, hash and pixel size. */
	void updateFile(long id, long size, String contentHash, int width, int height) {
		this.jdbc.sql("""
				UPDATE media SET size_bytes = :size, content_hash = :hash, width = :width, height = :height
				WHERE id = :id
				""")
			.param("size", size)
			.param("hash", contentHash)
			.param("width", width)
			.param("height", height)
			.param("id", id)
			.update();
	}

	/** Whether any note, whatever its state, names this URL among its properties. */
	boolean shownByANote(String url) {
		return this.jdbc.sql("SELECT EXISTS (SELECT 1 FROM note_properties WHERE instr(properties, ?) > 0)")
			.param(url)
			.query(Boolean.class)
			.single();
	}

	void delete(String path) {
		this.jdbc.sql("DELETE FROM media WHERE path = ?").param(path).update();
	}

	Optional<MediaFile> findByPath(String path) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM media WHERE path = ?")
			.param(path)
			.query(MediaRepository::mediaFile)
			.optional();
	}

	List<MediaFile> findByPaths(Collection<String> paths) {
		if (paths.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM media WHERE path IN (:paths)")
			.param("paths", paths)
			.query(MediaRepository::mediaFile)
			.list();
	}

	List<MediaFile> variantsOf(Collection<Long> originalIds) {
		if (originalIds.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM media WHERE original_id IN (:ids) ORDER BY width")
			.param("ids", originalIds)
			.query(MediaRepository::mediaFile)
			.list();
	}

	/** Every stored file, originals and variants, oldest first. */
	List<MediaFile> findAll() {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM media ORDER BY id").query(MediaRepository::mediaFile).list();
	}

	Optional<MediaFile> findLatest() {
		return this.jdbc
			.sql("SELECT " + COLUMNS
					+ " FROM media WHERE original_id IS NULL ORDER BY created_at DESC, id DESC LIMIT 1")
			.query(MediaRepository::mediaFile)
			.optional();
	}

	private static MediaFile mediaFile(ResultSet row, int number) throws SQLException {
		return new MediaFile(row.getLong("id"), row.getString("path"), row.getString("content_type"),
				row.getLong("size_bytes"), row.getString("content_hash"), SqlTime.instant(row.getString("created_at")),
				integer(row, "width"), integer(row, "height"),
				(row.getObject("original_id") != null) ? row.getLong("original_id") : null, row.getString("variant"));
	}

	private static Integer integer(ResultSet row, String column) throws SQLException {
		return (row.getObject(column) instanceof Number number) ? number.intValue() : null;
	}

}
