package io.starpunk.syndication;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.springframework.stereotype.Component;

import io.starpunk.config.StarpunkSettings.SyndicationTarget;
import io.starpunk.http.OutboundResponse;

/**
 * Another Micropub endpoint: a form-encoded create, {@code h=entry} with the note's text
 * followed by its permalink as {@code content}, sent with the target's bearer token; the
 * answer is 201 (or 202) with the copy's URL in {@code Location}.
 */
@Component
class MicropubSyndicator implements Syndicator {

	private final TargetCalls calls;

	MicropubSyndicator(TargetCalls calls) {
		this.calls = calls;
	}

	@Override
	public String type() {
		return "micropub";
	}

	@Override
	public String post(SyndicationTarget target, Post post) throws TargetRefused, TargetUnavailable {
		String content = post.text().strip().isEmpty() ? post.permalink()
				: post.text().strip() + PostText.SEPARATOR + post.permalink();
		String form = "h=entry&content=" + URLEncoder.encode(content, StandardCharsets.UTF_8);
		OutboundResponse response = this.calls.postForm(target, target.url(), form,
				Map.of("Authorization", "Bearer " + target.token(), "Accept", "application/json"));
		String location = response.headers().firstValue("Location").orElse(null);
		if ((response.status() != 201 && response.status() != 202) || location == null || location.isBlank()) {
			throw new TargetRefused(target.name() + " answered " + response.status()
					+ " without a Location (a Micropub create answers 201 with the post's URL)");
		}
		try {
			return response.url().resolve(location.strip()).toString();
		}
		catch (IllegalArgumentException ex) {
			throw new TargetRefused(target.name() + " answered with a Location that is not a URL");
		}
	}

}
