package io.starpunk.webmention;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.starpunk.config.SqlTime;

/**
 * The {@code mentions} and {@code blocked_domains} tables. Every method that writes runs
 * inside a transaction.
 */
@Repository
class MentionRepository {

	private static final String COLUMNS = """
			id, note_id, source, source_host, status, kind, url, author_name, author_url, author_photo,
			content_html, content_text, rsvp, published, received_at""";

	private static final RowMapper<Mention> MENTION = (row, number) -> new Mention(row.getLong("id"),
			row.getLong("note_id"), row.getString("source"), row.getString("source_host"), row.getString("status"),
			row.getString("kind"), row.getString("url"), row.getString("author_name"), row.getString("author_url"),
			row.getString("author_photo"), row.getString("content_html"), row.getString("content_text"),
			row.getString("rsvp"), row.getString("published"), SqlTime.instant(row.getString("received_at")));

	private final JdbcClient jdbc;

	MentionRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<Mention> find(String source, String target) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM mentions WHERE source = ? AND target = ?")
			.params(source, target)
			.query(MENTION)
			.optional();
	}

	Optional<Mention> find(long id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM mentions WHERE id = ?").param(id).query(MENTION).optional();
	}

	/** Writes a verified mention, new or again; its status is the one given. */
	void upsert(long noteId, String source, String target, String host, String status, Verified verified, Instant now) {
		this.jdbc.sql("""
				INSERT INTO mentions (note_id, source, target, source_host, status, kind, url, author_name,
					author_url, author_photo, content_html, content_text, rsvp, published, received_at, verified_at)
				VALUES (:note, :source, :target, :host, :status, :kind, :url, :authorName, :authorUrl, :authorPhoto,
					:html, :text, :rsvp, :published, :now, :now)
				ON CONFLICT (source, target) DO UPDATE SET note_id = :note, status = :status, kind = :kind,
					url = :url, author_name = :authorName, author_url = :authorUrl, author_photo = :authorPhoto,
					content_html = :html, content_text = :text, rsvp = :rsvp, published = :published,
					verified_at = :now
				""")
			.param("note", noteId)
			.param("source", source)
			.param("target", target)
			.param("host", host)
			.param("status", status)
			.param("kind", verified.kind())
			.param("url", verified.url())
			.param("authorName", verified.authorName())
			.param("authorUrl", verified.authorUrl())
			.param("authorPhoto", verified.authorPhoto())
			.param("html", verified.contentHtml())
			.param("text", verified.contentText())
			.param("rsvp", verified.rsvp())
			.param("published", verified.published())
			.param("now", SqlTime.text(now))
			.update();
	}

	int delete(String source, String target) {
		return this.jdbc.sql("DELETE FROM mentions WHERE source = ? AND target = ?").params(source, target).update();
	}

	int delete(long id) {
		return this.jdbc.sql("DELETE FROM mentions WHERE id = ?").param(id).update();
	}

	int setStatus(long id, String status) {
		return this.jdbc.sql("UPDATE mentions SET status = ? WHERE id = ?").params(status, id).update();
	}

	List<Mention> withStatus(String status, int limit) {
		return this.jdbc
			.sql("SELECT " + COLUMNS + " FROM mentions WHERE status = ? ORDER BY received_at DESC, id DESC"
					+ " LIMIT ?")
			.params(status, limit)
			.query(MENTION)
			.list();
	}

	int count(String status) {
		return this.jdbc.sql("SELECT count(*) FROM mentions WHERE status = ?")
			.param(status)
			.query(Integer.class)
			.single();
	}

	List<Mention> approvedFor(long noteId) {
		return this.jdbc
			.sql("SELECT " + COLUMNS
					+ " FROM mentions WHERE note_id = ? AND status = 'approved' ORDER BY received_at, id")
			.param(noteId)
			.query(MENTION)
			.list();
	}

	/** Blocks a domain and deletes its mentions; how many were deleted. */
	int block(String domain, Instant now) {
		this.jdbc.sql("INSERT INTO blocked_domains (domain, blocked_at) VALUES (?, ?) ON CONFLICT DO NOTHING")
			.params(domain, SqlTime.text(now))
			.update();
		return this.jdbc.sql("DELETE FROM mentions WHERE source_host = ? OR source_host LIKE ? ESCAPE '\\'")
			.params(domain, "%." + domain.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_"))
			.update();
	}

	int unblock(String domain) {
		return this.jdbc.sql("DELETE FROM blocked_domains WHERE domain = ?").param(domain).update();
	}

	List<String> blockedDomains() {
		return this.jdbc.sql("SELECT domain FROM blocked_domains ORDER BY domain").query(String.class).list();
	}

	/** Whether a host is a blocked domain or below one. */
	boolean blocked(String host) {
		String name = host.toLowerCase(Locale.ROOT);
		List<String> candidates = new java.util.ArrayList<>();
		candidates.add(name);
		for (int dot = name.indexOf('.'); dot >= 0; dot = name.indexOf('.', dot + 1)) {
			candidates.add(name.substring(dot + 1));
		}
		String marks = String.join(", ", java.util.Collections.nCopies(candidates.size(), "?"));
		return this.jdbc.sql("SELECT count(*) FROM blocked_domains WHERE domain IN (" + marks + ")")
			.params(candidates.toArray())
			.query(Integer.class)
			.single() > 0;
	}

	/**
	 * What a verified source says, ready to store.
	 *
	 * @param kind the kind
	 * @param url the mention's URL
	 * @param authorName the author's name
	 * @param authorUrl the author's URL
	 * @param authorPhoto the author's photo
	 * @param contentHtml the sanitised content
	 * @param contentText its text
	 * @param rsvp the RSVP
	 * @param published the date, as written
	 */
	record Verified(String kind, String url, String authorName, String authorUrl, String authorPhoto,
			String contentHtml, String contentText, String rsvp, String published) {
	}

}
