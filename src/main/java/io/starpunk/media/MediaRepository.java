package io.starpunk.media;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.starpunk.config.SqlTime;

/**
 * The {@code media} table: one row per stored file, named by its path under
 * {@code DATA_PATH}.
 */
@Repository
class MediaRepository {

	private static final String COLUMNS = "id, path, content_type, size_bytes, content_hash, created_at";

	private final JdbcClient jdbc;

	MediaRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(String path, String contentType, long size, String contentHash, Instant now) {
		this.jdbc.sql("""
				INSERT INTO media (path, content_type, size_bytes, content_hash, created_at)
				VALUES (:path, :contentType, :size, :hash, :now)
				""")
			.param("path", path)
			.param("contentType", contentType)
			.param("size", size)
			.param("hash", contentHash)
			.param("now", SqlTime.text(now))
			.update();
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

	Optional<MediaFile> findLatest() {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM media ORDER BY created_at DESC, id DESC LIMIT 1")
			.query(MediaRepository::mediaFile)
			.optional();
	}

	private static MediaFile mediaFile(ResultSet row, int number) throws SQLException {
		return new MediaFile(row.getLong("id"), row.getString("path"), row.getString("content_type"),
				row.getLong("size_bytes"), row.getString("content_hash"), SqlTime.instant(row.getString("created_at")));
	}

}
