package io.starpunk.replycontext;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.starpunk.config.SqlTime;

/** The {@code reply_contexts} table (V008): one row per page, the last fetch of it. */
@Repository
class ReplyContextRepository {

	private final JdbcClient jdbc;

	ReplyContextRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Map<String, ReplyContext> findAll(Collection<String> urls) {
		if (urls.isEmpty()) {
			return Map.of();
		}
		Map<String, ReplyContext> found = new HashMap<>();
		this.jdbc.sql("""
				SELECT url, title, author_name, author_url, author_photo, excerpt, fetched_at
				FROM reply_contexts WHERE url IN (:urls)
				""").param("urls", urls).query(ReplyContextRepository::context).list().forEach((context) -> {
			found.put(context.url(), context);
		});
		return found;
	}

	boolean exists(String url) {
		return this.jdbc.sql("SELECT count(*) FROM reply_contexts WHERE url = ?")
			.param(url)
			.query(Integer.class)
			.single() > 0;
	}

	void save(ReplyContext context) {
		this.jdbc.sql("""
				INSERT INTO reply_contexts (url, title, author_name, author_url, author_photo, excerpt, fetched_at)
				VALUES (:url, :title, :authorName, :authorUrl, :authorPhoto, :excerpt, :fetchedAt)
				ON CONFLICT (url) DO UPDATE SET title = excluded.title, author_name = excluded.author_name,
				author_url = excluded.author_url, author_photo = excluded.author_photo, excerpt = excluded.excerpt,
				fetched_at = excluded.fetched_at
				""")
			.param("url", context.url())
			.param("title", context.title())
			.param("authorName", context.authorName())
			.param("authorUrl", context.authorUrl())
			.param("authorPhoto", context.authorPhoto())
			.param("excerpt", context.excerpt())
			.param("fetchedAt", SqlTime.text(context.fetchedAt()))
			.update();
	}

	private static ReplyContext context(ResultSet row, int number) throws SQLException {
		return new ReplyContext(row.getString("url"), row.getString("title"), row.getString("author_name"),
				row.getString("author_url"), row.getString("author_photo"), row.getString("excerpt"),
				SqlTime.instant(row.getString("fetched_at")));
	}

}
