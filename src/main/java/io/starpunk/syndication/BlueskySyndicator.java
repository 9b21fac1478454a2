package io.starpunk.syndication;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Component;

import io.starpunk.config.StarpunkSettings.SyndicationTarget;

/**
 * A Bluesky account (its token is {@code handle:app-password}): a session from
 * {@code com.atproto.server.createSession}, then {@code com.atproto.repo.createRecord} of
 * an {@code app.bsky.feed.post} of at most {@value #MAX} graphemes whose permalink is a
 * link facet (its place given in UTF-8 bytes, as the AT Protocol counts). The copy's
 * public URL is {@code https://bsky.app/profile/<did>/post/<rkey>}, from the record's
 * {@code at://} URI.
 */
@Component
class BlueskySyndicator implements Syndicator {

	/** Bluesky's limit of a post, in graphemes. */
	static final int MAX = 300;

	private final TargetCalls calls;

	private final Clock clock;

	BlueskySyndicator(TargetCalls calls, Clock clock) {
		this.calls = calls;
		this.clock = clock;
	}

	@Override
	public String type() {
		return "bluesky";
	}

	@Override
	public String post(SyndicationTarget target, Post post) throws TargetRefused, TargetUnavailable {
		String token = target.token();
		int colon = token.indexOf(':');
		String handle = token.substring(0, colon);
		String password = token.substring(colon + 1);
		String base = target.url().toString().replaceAll("/+$", "");
		JsonNode session = this.calls.json(target,
				this.calls.postJson(target, URI.create(base + "/xrpc/com.atproto.server.createSession"),
						Map.of("identifier", handle, "password", password), Map.of()));
		String accessJwt = session.path("accessJwt").asString("");
		String did = session.path("did").asString("");
		if (accessJwt.isBlank() || !did.startsWith("did:")) {
			throw new TargetRefused(target.name() + " opened a session without an accessJwt and a did");
		}
		String text = PostText.fit(post.text(), post.permalink(), MAX, PostText.Counting.GRAPHEMES);
		Map<String, Object> record = new LinkedHashMap<>();
		record.put("$type", "app.bsky.feed.post");
		record.put("text", text);
		record.put("createdAt", this.clock.instant().toString());
		int at = text.lastIndexOf(post.permalink());
		if (at >= 0) {
			int byteStart = text.substring(0, at).getBytes(StandardCharsets.UTF_8).length;
			int byteEnd = byteStart + post.permalink().getBytes(StandardCharsets.UTF_8).length;
			record.put("facets", List.of(Map.of("index", Map.of("byteStart", byteStart, "byteEnd", byteEnd), "features",
					List.of(Map.of("$type", "app.bsky.richtext.facet#link", "uri", post.permalink())))));
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("repo", did);
		body.put("collection", "app.bsky.feed.post");
		body.put("record", record);
		JsonNode created = this.calls.json(target,
				this.calls.postJson(target, URI.create(base + "/xrpc/com.atproto.repo.createRecord"), body,
						Map.of("Authorization", "Bearer " + accessJwt)));
		return publicUrl(target, created.path("uri").asString(""));
	}

	/**
	 * {@code at://did/app.bsky.feed.post/rkey} →
	 * {@code https://bsky.app/profile/did/post/rkey}.
	 */
	static String publicUrl(SyndicationTarget target, String uri) throws TargetRefused {
		String[] parts = uri.startsWith("at://") ? uri.substring("at://".length()).split("/") : new String[0];
		if (parts.length != 3 || !parts[1].equals("app.bsky.feed.post") || parts[0].isBlank()
				|| !parts[2].matches("[A-Za-z0-9._:~-]{1,512}")) {
			throw new TargetRefused(target.name() + " created the post but answered without its at:// uri");
		}
		return "https://bsky.app/profile/" + parts[0] + "/post/" + parts[2];
	}

}
