package io.starpunk.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.util.unit.DataSize;

import io.starpunk.support.RunningServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowable;

@ExtendWith(OutputCaptureExtension.class)
class StarpunkSettingsTests {

	@ParameterizedTest
	@CsvSource({ "https://example.com, https://example.com/", "https://example.com/, https://example.com/",
			"https://example.com//, https://example.com/", "https://example.com/blog, https://example.com/blog/",
			"https://example.com/blog///, https://example.com/blog/", "http://localhost:8080, http://localhost:8080/" })
	void siteUrlEndsWithExactlyOneSlash(String given, String expected) {
		assertThat(settings(given, null).siteUrl()).isEqualTo(URI.create(expected));
	}

	@Test
	void urlsOnTheSiteNeverDoubleTheSlash() {
		assertThat(settings("https://example.com//", null).url("notes", "hello-world"))
			.isEqualTo(URI.create("https://example.com/notes/hello-world"));
		assertThat(settings("https://example.com/blog", null).url("notes", "café au lait"))
			.isEqualTo(URI.create("https://example.com/blog/notes/caf%C3%A9%20au%20lait"));
	}

	@Test
	void adminMeDefaultsToTheSiteUrlAndIsCanonicalised() {
		assertThat(settings("https://example.com", null).adminMe()).isEqualTo(URI.create("https://example.com/"));
		assertThat(settings("https://example.com", URI.create("https://Owner.Example")).adminMe())
			.isEqualTo(URI.create("https://owner.example/"));
	}

	@Test
	void defaultsApplyWhereNothingWasSet() {
		StarpunkSettings settings = new StarpunkSettings(null, " ", null, null, null, Path.of("data"), 8080, null, null,
				50, 300, null, null, null, null, null, null, null, null, null, null, null);
		assertThat(settings.siteUrl()).isEqualTo(URI.create("http://localhost:8080/"));
		assertThat(settings.siteName()).isEqualTo("StarPunk");
		assertThat(settings.logLevel()).isEqualTo("INFO");
		assertThat(settings.databaseBusyTimeout()).isEqualTo(Duration.ofSeconds(5));
		assertThat(settings.dataPath()).isAbsolute();
		assertThat(settings.databaseFile()).isEqualTo(settings.dataPath().resolve("starpunk.db"));
		assertThat(settings.notesDirectory()).isEqualTo(settings.dataPath().resolve("notes"));
	}

	@Test
	void wrongValuesAreRefusedWithTheirName() {
		assertThatIllegalArgumentException().isThrownBy(() -> settings("ftp://example.com", null))
			.withMessageStartingWith("SITE_URL must be an absolute http or https URL");
		assertThatIllegalArgumentException().isThrownBy(() -> settings("example.com", null))
			.withMessageStartingWith("SITE_URL");
		assertThatIllegalArgumentException().isThrownBy(() -> settings("https://example.com/?a=b", null))
			.withMessageStartingWith("SITE_URL must not have a query");
		assertThatIllegalArgumentException().isThrownBy(() -> settings("https://example.com", URI.create("mailto:a@b")))
			.withMessageStartingWith("ADMIN_ME");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new StarpunkSettings(null, null, null, null, null, Path.of("d"), 70000, null, null, 50,
					300, null, null, null, null, null, null, null, null, null, null, null))
			.withMessageStartingWith("PORT");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new StarpunkSettings(null, null, null, null, null, Path.of("d"), 1, "LOUD", null, 50, 300,
					null, null, null, null, null, null, null, null, null, null, null))
			.withMessageStartingWith("LOG_LEVEL");
	}

	@ParameterizedTest
	@CsvSource({ "0, 300, FEED_MAX_ITEMS", "1001, 300, FEED_MAX_ITEMS", "50, -1, FEED_CACHE_SECONDS" })
	void feedSettingsOutsideTheirRangeAreRefusedWithTheirName(int maxItems, int cacheSeconds, String name) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new StarpunkSettings(null, null, null, null, null, Path.of("d"), 1, null, null, maxItems,
					cacheSeconds, null, null, null, null, null, null, null, null, null, null, null))
			.withMessageStartingWith(name);
	}

	@Test
	void feedSettingsAtTheEdgesOfTheirRangeAreAccepted() {
		StarpunkSettings settings = new StarpunkSettings(null, null, null, null, null, Path.of("d"), 1, null, null, 1,
				0, null, null, null, null, null, null, null, null, null, null, null);
		assertThat(settings.feedMaxItems()).isEqualTo(1);
		assertThat(settings.feedCacheSeconds()).isZero();
		assertThat(settings.withDataPath(Path.of("e")).feedMaxItems()).isEqualTo(1);
		assertThat(new StarpunkSettings(null, null, null, null, null, Path.of("d"), 1, null, null, 1000, 300, null,
				null, null, null, null, null, null, null, null, null, null)
			.feedMaxItems()).isEqualTo(1000);
	}

	private static StarpunkSettings settings(String siteUrl, URI adminMe) {
		return new StarpunkSettings(URI.create(siteUrl), "Site", "", "", adminMe, Path.of("data"), 8080, "info", null,
				50, 300, null, null, null, null, null, null, null, null, null, null, null);
	}

	@Test
	void theOwnersPhotoAndProfilesAreOptionalAbsoluteUrls() {
		StarpunkSettings settings = new StarpunkSettings(null, null, null, null, null, Path.of("d"), 1, null, null, 50,
				300, URI.create("https://owner.example/me.jpg"),
				java.util.List.of(URI.create("https://github.com/owner"), URI.create("https://mastodon.example/@o")),
				null, null, null, null, null, null, null, null, null);
		assertThat(settings.authorPhoto()).isEqualTo(URI.create("https://owner.example/me.jpg"));
		assertThat(settings.relMe()).hasSize(2);
		StarpunkSettings none = new StarpunkSettings(null, null, null, null, null, Path.of("d"), 1, null, null, 50, 300,
				null, null, null, null, null, null, null, null, null, null, null);
		assertThat(none.authorPhoto()).isNull();
		assertThat(none.relMe()).isEmpty();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new StarpunkSettings(null, null, null, null, null, Path.of("d"), 1, null, null, 50, 300,
					URI.create("me.jpg"), null, null, null, null, null, null, null, null, null, null))
			.withMessageStartingWith("SITE_AUTHOR_PHOTO");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new StarpunkSettings(null, null, null, null, null, Path.of("d"), 1, null, null, 50, 300,
					null, java.util.List.of(URI.create("javascript:alert(1)")), null, null, null, null, null, null,
					null, null, null))
			.withMessageStartingWith("SITE_REL_ME");
	}

	@Test
	void signInSettingsAreCheckedAndThePasswordIsNeverPrinted() {
		assertThat(new StarpunkSettings.SignIn(null, null, false))
			.isEqualTo(new StarpunkSettings.SignIn("", " ", false));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new StarpunkSettings.SignIn("secret-password",
					"$2b$12$abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0", false))
			.withMessage("ADMIN_PASSWORD and ADMIN_PASSWORD_HASH are both set; set only one of them");
		assertThatIllegalArgumentException().isThrownBy(() -> new StarpunkSettings.SignIn("short", null, false))
			.withMessageContaining("ADMIN_PASSWORD must be at least 8");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new StarpunkSettings.SignIn(null, "plain-text-not-a-hash", false))
			.withMessageContaining("ADMIN_PASSWORD_HASH must be an Argon2id")
			.withMessageNotContaining("plain-text-not-a-hash");
		StarpunkSettings.SignIn signIn = new StarpunkSettings.SignIn("secret-password", null, true);
		assertThat(signIn.toString()).doesNotContain("secret-password").contains("password=(set)");
		StarpunkSettings settings = new StarpunkSettings(null, null, null, null, null, Path.of("d"), 1, null, null, 50,
				300, null, null, signIn, null, null, null, null, null, null, null, null);
		assertThat(settings.toString()).doesNotContain("secret-password");
		assertThat(new StarpunkSettings(null, null, null, null, null, Path.of("d"), 1, null, null, 50, 300, null, null,
				null, null, null, null, null, null, null, null, null)
			.signIn()).isEqualTo(new StarpunkSettings.SignIn(null, null, false));
	}

	@Test
	void anAuthorEmailIsOptionalButMustBeOne() {
		assertThat(new StarpunkSettings(null, null, null, null, null, Path.of("d"), 1, null, null, 50, 300, null, null,
				null, " you@example.com ", null, null, null, null, null, null, null)
			.authorEmail()).isEqualTo("you@example.com");
		assertThat(new StarpunkSettings(null, null, null, null, null, Path.of("d"), 1, null, null, 50, 300, null, null,
				null, "", null, null, null, null, null, null, null)
			.authorEmail()).isNull();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new StarpunkSettings(null, null, null, null, null, Path.of("d"), 1, null, null, 50, 300,
					null, null, null, "not an address", null, null, null, null, null, null, null))
			.withMessageContaining("SITE_AUTHOR_EMAIL");
	}

	@Test
	void theOwnersIdentityIsComparedAsAProfileUrl() {
		StarpunkSettings settings = settings("https://blog.example/", URI.create("https://Owner.Example"));
		assertThat(settings.isAdminMe("https://owner.example/")).isTrue();
		assertThat(settings.isAdminMe("HTTPS://OWNER.EXAMPLE")).isTrue();
		assertThat(settings.isAdminMe("https://owner.example/other")).isFalse();
		assertThat(settings.isAdminMe("https://someone-else.example/")).isFalse();
		assertThat(settings.isAdminMe("not a url")).isFalse();
		assertThat(settings.isAdminMe(null)).isFalse();
	}

	@Test
	void micropubSettingsHaveDefaultsAndAreChecked() {
		StarpunkSettings.Micropub defaults = new StarpunkSettings.Micropub(null, null, null);
		assertThat(defaults.tokenEndpoint()).isNull();
		assertThat(defaults.mediaMaxBytes().toBytes()).isEqualTo(10L * 1024 * 1024);
		assertThat(new StarpunkSettings.Micropub(URI.create(""), DataSize.ofBytes(1), null).tokenEndpoint()).isNull();
		assertThat(
				new StarpunkSettings.Micropub(URI.create("https://tokens.example/token"), null, null).tokenEndpoint())
			.isEqualTo(URI.create("https://tokens.example/token"));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new StarpunkSettings.Micropub(URI.create("tokens.example"), null, null))
			.withMessageStartingWith("TOKEN_ENDPOINT");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new StarpunkSettings.Micropub(null, DataSize.ofBytes(0), null))
			.withMessageStartingWith("MEDIA_MAX_BYTES");
	}

	@Test
	void slugStyleAndPkceRuleDefaultToTodaysBehaviourAndIgnoreCase() {
		StarpunkSettings defaults = new StarpunkSettings(null, null, null, null, null, Path.of("d"), 1, null, null, 50,
				300, null, null, null, null, null, null, " ", null, null, null, null);
		assertThat(defaults.slugStyle()).isEqualTo("words");
		assertThat(defaults.timestampSlugs()).isFalse();
		assertThat(defaults.indieauthPkce()).isEqualTo("required");
		assertThat(defaults.pkceRequired()).isTrue();
		StarpunkSettings chosen = new StarpunkSettings(null, null, null, null, null, Path.of("d"), 1, null, null, 50,
				300, null, null, null, null, null, " Timestamp ", "OPTIONAL", null, null, null, null);
		assertThat(chosen.slugStyle()).isEqualTo("timestamp");
		assertThat(chosen.timestampSlugs()).isTrue();
		assertThat(chosen.indieauthPkce()).isEqualTo("optional");
		assertThat(chosen.pkceRequired()).isFalse();
		assertThat(chosen.withDataPath(Path.of("e")).timestampSlugs()).isTrue();
		assertThat(chosen.withDataPath(Path.of("e")).pkceRequired()).isFalse();
	}

	@Test
	void aWrongSlugStyleOrPkceRuleIsRefusedWithItsName() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new StarpunkSettings(null, null, null, null, null, Path.of("d"), 1, null, null, 50, 300,
					null, null, null, null, null, "nonsense", null, null, null, null, null))
			.withMessage("SLUG_STYLE must be words or timestamp (got 'nonsense')");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new StarpunkSettings(null, null, null, null, null, Path.of("d"), 1, null, null, 50, 300,
					null, null, null, null, null, null, "sometimes", null, null, null, null))
			.withMessage("INDIEAUTH_PKCE must be required or optional (got 'sometimes')");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			SLUG_STYLE=nonsense     | SLUG_STYLE must be words or timestamp (got 'nonsense')
			INDIEAUTH_PKCE=off      | INDIEAUTH_PKCE must be required or optional (got 'off')
			""")
	void aWrongSlugStyleOrPkceRuleStopsStartUpWithOneLineNamingIt(String setting, String line, @TempDir Path dataPath,
			CapturedOutput output) {
		Throwable failure = catchThrowable(() -> RunningServer.start(dataPath, List.of(), setting).close());
		assertThat(failure).isNotNull();
		FailureAnalysis analysis = new SettingsFailureAnalyzer().analyze(failure);
		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription()).isEqualTo(line);
		assertThat(output.getAll()).contains(line);
	}

}
