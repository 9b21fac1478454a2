package io.starpunk.websub;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

import org.jsoup.Jsoup;

import org.springframework.stereotype.Component;

import io.starpunk.config.StarpunkSettings;
import io.starpunk.http.ConversationFetch;
import io.starpunk.http.FetchFailed;
import io.starpunk.http.OutboundRequest;
import io.starpunk.http.OutboundResponse;
import io.starpunk.jobs.JobHandler;
import io.starpunk.jobs.JobOutcome;
import io.starpunk.jobs.JobRun;

/**
 * Runs a {@value #KIND} job: one form POST to the hub, {@code hub.mode=publish} with a
 * {@code hub.url} for the home page and for each site feed ({@code /feed.xml},
 * {@code /feed.rss}, {@code /feed.atom}, {@code /feed.json}, {@code /feed}), the
 * PubSubHubbub publish form that hubs accept. A 2xx (202, 204) is done; a 4xx is failed,
 * with the hub's message; no answer or a 5xx is tried again.
 */
@Component
class WebSubPing implements JobHandler {

	static final String KIND = "websub-ping";

	/** The most of a hub's message kept. */
	private static final int MESSAGE_MAX = 300;

	private final ConversationFetch fetch;

	private final StarpunkSettings settings;

	WebSubPing(ConversationFetch fetch, StarpunkSettings settings) {
		this.fetch = fetch;
		this.settings = settings;
	}

	@Override
	public String kind() {
		return KIND;
	}

	/**
	 * The topics pinged: the home page and the site's feeds.
	 * @return their URLs
	 */
	List<URI> topics() {
		return List.of(this.settings.url(), this.settings.url("feed.xml"), this.settings.url("feed.rss"),
				this.settings.url("feed.atom"), this.settings.url("feed.json"), this.settings.url("feed"));
	}

	@Override
	public JobOutcome run(JobRun job) throws HubUnavailable {
		URI hub = URI.create(job.payloadAs(Payload.class).hub());
		String form = "hub.mode=publish&" + topics().stream()
			.map((topic) -> "hub.url=" + URLEncoder.encode(topic.toString(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		OutboundResponse response;
		try {
			response = this.fetch.fetch().send(OutboundRequest.postForm(hub, form));
		}
		catch (FetchFailed ex) {
			throw new HubUnavailable("The hub " + hub + " could not be reached: " + ex.getMessage());
		}
		int status = response.status();
		if (status >= 200 && status < 300) {
			return JobOutcome.done("The hub " + hub + " was told of " + topics().size() + " changed URLs");
		}
		String message = "The hub " + hub + " answered " + status + said(response);
		if (status >= 500 || status == 408 || status == 429) {
			throw new HubUnavailable(message);
		}
		return JobOutcome.failed(message);
	}

	private static String said(OutboundResponse response) {
		String text = Jsoup.parse(response.text()).text().strip();
		if (text.isEmpty()) {
			return "";
		}
		return ": " + ((text.length() <= MESSAGE_MAX) ? text : text.substring(0, MESSAGE_MAX - 1) + "…");
	}

	/**
	 * What a {@value #KIND} job holds.
	 *
	 * @param hub the hub's URL
	 */
	record Payload(String hub) {
	}

	/** The hub could not take the ping now: the job is tried again. */
	static final class HubUnavailable extends Exception {

		HubUnavailable(String message) {
			super(message, null, false, false);
		}

	}

}
