package io.starpunk.syndication;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Component;

import io.starpunk.config.StarpunkSettings.SyndicationTarget;
import io.starpunk.http.OutboundResponse;

/**
 * A Mastodon account: {@code POST {url}/api/v1/statuses} with the target's bearer token
 * and the note's text, shortened to {@value #MAX} characters with its permalink; the
 * answer is the status as JSON, whose {@code url} is the copy. An {@code Idempotency-Key}
 * of the note makes a retry after a lost answer return the status already posted instead
 * of posting twice.
 */
@Component
class MastodonSyndicator implements Syndicator {

	/** Mastodon's default limit of a status, in characters. */
	static final int MAX = 500;

	private final TargetCalls calls;

	MastodonSyndicator(TargetCalls calls) {
		this.calls = calls;
	}

	@Override
	public String type() {
		return "mastodon";
	}

	@Override
	public String post(SyndicationTarget target, Post post) throws TargetRefused, TargetUnavailable {
		String status = PostText.fit(post.text(), post.permalink(), MAX, PostText.Counting.CHARACTERS);
		URI statuses = URI.create(target.url().toString().replaceAll("/+$", "") + "/api/v1/statuses");
		OutboundResponse response = this.calls.postForm(target, statuses,
				"status=" + URLEncoder.encode(status, StandardCharsets.UTF_8), Map.of("Authorization",
						"Bearer " + target.token(), "Idempotency-Key", post.key(), "Accept", "application/json"));
		JsonNode answer = this.calls.json(target, response);
		JsonNode url = answer.path("url");
		if (!url.isString() || url.asString().isBlank()) {
			throw new TargetRefused(target.name() + " posted the status but answered without its url");
		}
		return url.asString();
	}

}
