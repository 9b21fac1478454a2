package io.starpunk.syndication;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.jsoup.Jsoup;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

import io.starpunk.config.StarpunkSettings.SyndicationTarget;
import io.starpunk.http.ConversationFetch;
import io.starpunk.http.FetchFailed;
import io.starpunk.http.OutboundRequest;
import io.starpunk.http.OutboundResponse;

/**
 * Requests to syndication targets, through the conversation's fetch policy: an answer
 * that is not a success becomes {@link TargetRefused} (4xx: trying again will not help)
 * or {@link TargetUnavailable} (no answer, 408, 429, 5xx: the job is tried again), with
 * the target's own error message, from which the target's secret is scrubbed.
 */
@Component
class TargetCalls {

	/** The most of a target's error message kept, in characters. */
	private static final int MESSAGE_MAX = 300;

	private final ConversationFetch fetch;

	private final JsonMapper json;

	TargetCalls(ConversationFetch fetch, JsonMapper json) {
		this.fetch = fetch;
		this.json = json;
	}

	/**
	 * A form POST with a bearer token.
	 * @param target the target, for its name and to scrub its token
	 * @param url where to
	 * @param form the encoded form
	 * @param headers more headers
	 * @return the successful answer
	 */
	OutboundResponse postForm(SyndicationTarget target, URI url, String form, Map<String, String> headers)
			throws TargetRefused, TargetUnavailable {
		OutboundRequest request = OutboundRequest.postForm(url, form);
		for (Map.Entry<String, String> header : headers.entrySet()) {
			request = request.header(header.getKey(), header.getValue());
		}
		return send(target, request);
	}

	/**
	 * A JSON POST.
	 * @param target the target
	 * @param url where to
	 * @param body the body, written as JSON
	 * @param headers more headers
	 * @return the successful answer
	 */
	OutboundResponse postJson(SyndicationTarget target, URI url, Object body, Map<String, String> headers)
			throws TargetRefused, TargetUnavailable {
		byte[] bytes = this.json.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
		OutboundRequest request = new OutboundRequest("POST", url, Map.of("Accept", "application/json"), bytes,
				"application/json", OutboundRequest.DEFAULT_BYTES, false, false);
		for (Map.Entry<String, String> header : headers.entrySet()) {
			request = request.header(header.getKey(), header.getValue());
		}
		return send(target, request);
	}

	/**
	 * The answer's body as JSON.
	 * @param target the target, for the message
	 * @param response the answer
	 * @return the tree
	 * @throws TargetRefused when it is not JSON
	 */
	JsonNode json(SyndicationTarget target, OutboundResponse response) throws TargetRefused {
		try {
			JsonNode node = this.json.readTree(response.body());
			if (node != null && node.isObject()) {
				return node;
			}
		}
		catch (JacksonException ex) {
			// below
		}
		throw new TargetRefused(target.name() + " answered " + response.status() + " without the JSON expected");
	}

	private OutboundResponse send(SyndicationTarget target, OutboundRequest request)
			throws TargetRefused, TargetUnavailable {
		OutboundResponse response;
		try {
			response = this.fetch.fetch().send(request);
		}
		catch (FetchFailed ex) {
			throw new TargetUnavailable(scrub(target, target.name() + " could not be reached: " + ex.getMessage()));
		}
		int status = response.status();
		if (status >= 200 && status < 300) {
			return response;
		}
		String message = scrub(target,
				target.name() + " answered " + status + describe(response).map((text) -> ": " + text).orElse(""));
		if (status >= 500 || status == 408 || status == 429) {
			throw new TargetUnavailable(message);
		}
		throw new TargetRefused(message);
	}

	/**
	 * What an error answer says: the {@code error_description}, {@code message} or
	 * {@code error} of a JSON body (Micropub, Bluesky, Mastodon), or the start of its
	 * text.
	 */
	private Optional<String> describe(OutboundResponse response) {
		String text = response.text().strip();
		if (text.isEmpty()) {
			return Optional.empty();
		}
		try {
			JsonNode node = this.json.readTree(text);
			if (node != null && node.isObject()) {
				for (String field : List.of("error_description", "message", "error")) {
					JsonNode value = node.get(field);
					if (value != null && value.isString() && !value.asString().isBlank()) {
						String error = node.path("error").isString() ? node.path("error").asString() : null;
						String said = value.asString().strip();
						return Optional.of(cut((error != null && !field.equals("error")) ? error + ": " + said : said));
					}
				}
			}
		}
		catch (JacksonException ex) {
			// not JSON: its text
		}
		String contentType = response.headers().firstValue("Content-Type").orElse(null);
		if (contentType != null && contentType.toLowerCase(Locale.ROOT).contains("html")) {
			text = Jsoup.parse(text).text();
		}
		return text.isBlank() ? Optional.empty() : Optional.of(cut(text));
	}

	private static String cut(String text) {
		String line = text.replaceAll("\\s+", " ").strip();
		return (line.length() <= MESSAGE_MAX) ? line : line.substring(0, MESSAGE_MAX - 1) + "…";
	}

	/** The message without the target's token, or any part of it. */
	static String scrub(SyndicationTarget target, String message) {
		String scrubbed = message;
		String token = target.token();
		scrubbed = scrubbed.replace(token, "(token)");
		int colon = token.indexOf(':');
		if (colon >= 0 && colon < token.length() - 1) {
			scrubbed = scrubbed.replace(token.substring(colon + 1), "(token)");
		}
		return scrubbed;
	}

}
