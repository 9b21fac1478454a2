package io.starpunk.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.starpunk.config.StarpunkSettings.Conversations;
import io.starpunk.config.StarpunkSettings.SyndicationTarget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The conversation's settings: bound from their environment names (SYNDICATE_TO's JSON as
 * one value, its commas included), their defaults, and a clear start-up error for each
 * malformed value; a syndication token never printed.
 */
class ConversationsSettingsTests {

	@Test
	void theDefaultsAskForNothing() {
		Conversations none = new Conversations(null, null, false, null, null);
		assertThat(none.websubHubs()).isEmpty();
		assertThat(none.webmentionTrustedDomains()).isEmpty();
		assertThat(none.fetchAllowPrivate()).isFalse();
		assertThat(none.syndicateTo().all()).isEmpty();
		assertThat(none.syndicateToJson()).isEmpty();
		assertThat(none.jobMaxAttempts()).isEqualTo(8);
	}

	@Test
	void everyVariableIsBoundFromTheEnvironmentNames() {
		String json = """
				[{"uid": "https://mastodon.example/@me", "name": "Mastodon", "type": "mastodon",
				  "url": "https://mastodon.example", "token": "secret-mastodon-token"},
				 {"uid": "bsky", "type": "Bluesky", "url": "https://bsky.social", "token": "me.bsky.social:app-pass-word"}]
				""";
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(StarpunkConfiguration.class)
			.web(WebApplicationType.NONE)
			.properties("DATA_PATH=build-data", "WEBSUB_HUB=https://hub.example/,https://pubsubhubbub.example/",
					"WEBMENTION_TRUSTED_DOMAINS=Friend.example, .other.example", "FETCH_ALLOW_PRIVATE=true",
					"SYNDICATE_TO=" + json, "JOB_MAX_ATTEMPTS=3")
			.run()) {
			Conversations settings = context.getBean(StarpunkSettings.class).conversations();
			assertThat(settings.websubHubs()).containsExactly(URI.create("https://hub.example/"),
					URI.create("https://pubsubhubbub.example/"));
			assertThat(settings.webmentionTrustedDomains()).containsExactly("friend.example", "other.example");
			assertThat(settings.trusted("friend.example")).isTrue();
			assertThat(settings.trusted("www.FRIEND.example")).isTrue();
			assertThat(settings.trusted("notfriend.example")).isFalse();
			assertThat(settings.trusted("example")).isFalse();
			assertThat(settings.fetchAllowPrivate()).isTrue();
			assertThat(settings.jobMaxAttempts()).isEqualTo(3);
			assertThat(settings.syndicateTo().all())
				.extracting(SyndicationTarget::uid, SyndicationTarget::name, SyndicationTarget::type)
				.containsExactly(
						org.assertj.core.groups.Tuple.tuple("https://mastodon.example/@me", "Mastodon", "mastodon"),
						org.assertj.core.groups.Tuple.tuple("bsky", "bsky", "bluesky"));
			assertThat(settings.target("bsky")).map(SyndicationTarget::url).contains(URI.create("https://bsky.social"));
			assertThat(settings.toString()).doesNotContain("secret-mastodon-token").doesNotContain("app-pass-word");
		}
	}

	@Test
	void aMalformedSyndicateToStopsStartUpAndSaysWhy() {
		assertThat(startUpError("SYNDICATE_TO=[{\"uid\": \"x\"")).contains("SYNDICATE_TO must be a JSON array");
		assertThat(startUpError("SYNDICATE_TO={\"uid\": \"x\"}")).contains("must be a JSON array of targets");
		assertThat(startUpError("SYNDICATE_TO=[{\"uid\": \"x\", \"type\": \"twitter\", \"url\": \"https://t.example\", "
				+ "\"token\": \"t\"}]"))
			.contains("needs a type, one of [micropub, mastodon, bluesky]");
		assertThat(
				startUpError("SYNDICATE_TO=[{\"uid\": \"b\", \"type\": \"bluesky\", \"url\": \"https://bsky.social\", "
						+ "\"token\": \"no-colon\"}]"))
			.contains("handle:app-password")
			.doesNotContain("no-colon");
		assertThat(startUpError("SYNDICATE_TO=[{\"uid\": \"m\", \"type\": \"micropub\", \"url\": \"ftp://m.example\", "
				+ "\"token\": \"t\"}]"))
			.contains("must be an absolute http or https URL");
		String twice = "{\"uid\": \"m\", \"type\": \"micropub\", \"url\": \"https://m.example/\", \"token\": \"t\"}";
		assertThat(startUpError("SYNDICATE_TO=[" + twice + "," + twice + "]")).contains("the same uid twice");
	}

	@Test
	void otherMalformedValuesStopStartUp() {
		assertThat(startUpError("WEBSUB_HUB=hub.example")).contains("WEBSUB_HUB must be an absolute http or https URL");
		assertThat(startUpError("WEBMENTION_TRUSTED_DOMAINS=https://friend.example/"))
			.contains("WEBMENTION_TRUSTED_DOMAINS must list host names");
		assertThat(startUpError("JOB_MAX_ATTEMPTS=0")).contains("JOB_MAX_ATTEMPTS must be between 1 and 100");
		assertThatIllegalArgumentException().isThrownBy(() -> new Conversations(List.of(), List.of(), false, null, 101))
			.withMessageContaining("JOB_MAX_ATTEMPTS");
	}

	private static String startUpError(String property) {
		SpringApplication application = new SpringApplicationBuilder(StarpunkConfiguration.class)
			.web(WebApplicationType.NONE)
			.properties("DATA_PATH=" + Path.of("build-data"), property)
			.build();
		Throwable thrown = catchThrowable(() -> application.run().close());
		assertThat(thrown).isNotNull();
		StringBuilder messages = new StringBuilder();
		for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
			messages.append(cause.getMessage()).append('\n');
		}
		return messages.toString();
	}

}
