package io.starpunk.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Every setting of the server, bound from StarPunk's environment variable names (see
 * {@code application.properties} for the mapping) and checked once at start-up.
 *
 * @param siteUrl the public URL of the site ({@code SITE_URL}), always ending with one
 * {@code /}
 * @param siteName the site's name ({@code SITE_NAME})
 * @param siteAuthor the owner's name ({@code SITE_AUTHOR})
 * @param siteDescription a line about the site ({@code SITE_DESCRIPTION})
 * @param adminMe the owner's identity URL ({@code ADMIN_ME}), {@code siteUrl} by default
 * @param dataPath the data directory ({@code DATA_PATH}) holding the database and notes
 * @param port the HTTP port ({@code PORT}); 0 picks a free one
 * @param logLevel the root log level ({@code LOG_LEVEL})
 * @param databaseBusyTimeout how long a statement waits for a lock held by another
 * connection or process ({@code DATABASE_BUSY_TIMEOUT})
 * @param authorPhoto the owner's photo for their h-card ({@code SITE_AUTHOR_PHOTO}),
 * optional
 * @param relMe the owner's other profiles, linked {@code rel=me} ({@code SITE_REL_ME},
 * comma-separated), optional
 * @param feedMaxItems the most notes a feed carries ({@code FEED_MAX_ITEMS}), 1 to 1000
 * @param feedCacheSeconds how long clients may keep a feed without asking again
 * ({@code FEED_CACHE_SECONDS}), 0 or more
 * @param signIn how the owner signs in
 * @param authorEmail the owner's email address ({@code SITE_AUTHOR_EMAIL}), given to apps
 * granted the {@code email} scope, optional
 * @param micropub how Micropub checks tokens and how large an upload may be
 * @param slugStyle how new notes get their slug ({@code SLUG_STYLE}): {@code words}
 * (StarPunk 1.4 and before, the default) or {@code timestamp} (StarPunk 1.5)
 * @param indieauthPkce whether apps must use PKCE ({@code INDIEAUTH_PKCE}):
 * {@code required} (the default) or {@code optional}, for older IndieAuth clients
 * @param network whose forwarded client addresses count
 * @param backup when backups are taken and how many are kept
 * @param monitoring metrics and the log format
 * @param conversations webmentions, WebSub, syndication and the job queue that carries
 * them out
 */
@ConfigurationProperties("starpunk")
public record StarpunkSettings(URI siteUrl, String siteName, String siteAuthor, String siteDescription, URI adminMe,
		Path dataPath, int port, String logLevel, Duration databaseBusyTimeout, int feedMaxItems, int feedCacheSeconds,
		URI authorPhoto, List<URI> relMe, SignIn signIn, String authorEmail, Micropub micropub, String slugStyle,
		String indieauthPkce, Network network, Backup backup, Monitoring monitoring, Conversations conversations) {

	private static final List<String> LOG_LEVELS = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");

	private static final List<String> SLUG_STYLES = List.of("words", "timestamp");

	private static final List<String> PKCE_RULES = List.of("required", "optional");

	public StarpunkSettings {
		siteUrl = normalisedSiteUrl(siteUrl);
		siteName = (siteName == null || siteName.isBlank()) ? "StarPunk" : siteName.strip();
		siteAuthor = (siteAuthor != null) ? siteAuthor.strip() : "";
		siteDescription = (siteDescription != null) ? siteDescription.strip() : "";
		adminMe = (adminMe == null || adminMe.toString().isBlank()) ? siteUrl : normalisedProfileUrl(adminMe);
		if (dataPath == null || dataPath.toString().isBlank()) {
			throw new IllegalArgumentException("DATA_PATH must name a directory, for example ./data");
		}
		dataPath = dataPath.toAbsolutePath().normalize();
		if (port < 0 || port > 65535) {
			throw new IllegalArgumentException("PORT must be between 0 and 65535 (got " + port + ")");
		}
		logLevel = (logLevel == null || logLevel.isBlank()) ? "INFO" : logLevel.strip().toUpperCase(Locale.ROOT);
		if (!LOG_LEVELS.contains(logLevel)) {
			throw new IllegalArgumentException("LOG_LEVEL must be one of " + LOG_LEVELS + " (got '" + logLevel + "')");
		}
		if (databaseBusyTimeout == null) {
			databaseBusyTimeout = Duration.ofSeconds(5);
		}
		if (databaseBusyTimeout.isNegative() || databaseBusyTimeout.toMillis() > Integer.MAX_VALUE) {
			throw new IllegalArgumentException("DATABASE_BUSY_TIMEOUT must be a positive duration such as 5s");
		}
		if (feedMaxItems < 1 || feedMaxItems > 1000) {
			throw new IllegalArgumentException("FEED_MAX_ITEMS must be between 1 and 1000 (got " + feedMaxItems + ")");
		}
		if (feedCacheSeconds < 0) {
			throw new IllegalArgumentException("FEED_CACHE_SECONDS must be 0 or more (got " + feedCacheSeconds + ")");
		}
		authorPhoto = (authorPhoto == null || authorPhoto.toString().isBlank()) ? null
				: checkedHttpUrl("SITE_AUTHOR_PHOTO", authorPhoto);
		relMe = (relMe == null) ? List.of()
				: relMe.stream()
					.filter((profile) -> profile != null && !profile.toString().isBlank())
					.map((profile) -> checkedHttpUrl("SITE_REL_ME", profile))
					.toList();
		signIn = (signIn != null) ? signIn : new SignIn(null, null, false);
		authorEmail = (authorEmail == null || authorEmail.isBlank()) ? null : authorEmail.strip();
		if (authorEmail != null && !authorEmail.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
			throw new IllegalArgumentException("SITE_AUTHOR_EMAIL must be an email address such as you@example.com");
		}
		micropub = (micropub != null) ? micropub : new Micropub(null, null, null);
		slugStyle = oneOf("SLUG_STYLE", slugStyle, SLUG_STYLES);
		indieauthPkce = oneOf("INDIEAUTH_PKCE", indieauthPkce, PKCE_RULES);
		network = (network != null) ? network : new Network(null);
		backup = (backup != null) ? backup : new Backup(null, null);
		monitoring = (monitoring != null) ? monitoring : new Monitoring(null, null, null);
		conversations = (conversations != null) ? conversations : new Conversations(null, null, false, null, null);
	}

	/**
	 * Whether new notes are named after the moment they were created, StarPunk 1.5's rule
	 * ({@code SLUG_STYLE=timestamp}), rather than after their first words.
	 * @return whether slugs are timestamps
	 */
	public boolean timestampSlugs() {
		return this.slugStyle.equals("timestamp");
	}

	/**
	 * Whether an authorization request must carry a PKCE challenge
	 * ({@code INDIEAUTH_PKCE=required}, the default).
	 * @return whether PKCE is required
	 */
	public boolean pkceRequired() {
		return this.indieauthPkce.equals("required");
	}

	/**
	 * The SQLite database file, {@code DATA_PATH/starpunk.db}.
	 * @return the database file
	 */
	public Path databaseFile() {
		return this.dataPath.resolve("starpunk.db");
	}

	/**
	 * The same settings with another data directory (a dry run's scratch copy).
	 * @param otherDataPath the directory
	 * @return the settings
	 */
	public StarpunkSettings withDataPath(Path otherDataPath) {
		return new StarpunkSettings(this.siteUrl, this.siteName, this.siteAuthor, this.siteDescription, this.adminMe,
				otherDataPath, this.port, this.logLevel, this.databaseBusyTimeout, this.feedMaxItems,
				this.feedCacheSeconds, this.authorPhoto, this.relMe, this.signIn, this.authorEmail, this.micropub,
				this.slugStyle, this.indieauthPkce, this.network, this.backup, this.monitoring, this.conversations);
	}

	/**
	 * Whether an identity URL that a session, a token or an IndieAuth server names is the
	 * owner's ({@code ADMIN_ME}), compared as profile URLs are: the scheme and host
	 * case-folded, an empty path read as {@code /}.
	 * @param me the identity URL, or {@code null}
	 * @return whether it is the owner's
	 */
	public boolean isAdminMe(String me) {
		if (me == null) {
			return false;
		}
		try {
			URI url = URI.create(me.strip());
			if (url.getHost() == null || url.getScheme() == null) {
				return false;
			}
			String path = (url.getRawPath() == null || url.getRawPath().isEmpty()) ? "/" : url.getRawPath();
			String normalised = url.getScheme().toLowerCase(Locale.ROOT) + "://"
					+ url.getHost().toLowerCase(Locale.ROOT) + ((url.getPort() != -1) ? ":" + url.getPort() : "") + path
					+ ((url.getRawQuery() != null) ? "?" + url.getRawQuery() : "");
			return normalised.equals(this.adminMe.toString());
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	/**
	 * The folder of note files, {@code DATA_PATH/notes}.
	 * @return the notes folder
	 */
	public Path notesDirectory() {
		return this.dataPath.resolve("notes");
	}

	/**
	 * An absolute URL on this site. Segments are encoded and joined with exactly one
	 * {@code /}, so no {@code //notes/} can come out of it.
	 * @param segments the path segments below {@link #siteUrl()}
	 * @return the absolute URL
	 */
	public URI url(String... segments) {
		return UriComponentsBuilder.fromUri(this.siteUrl).pathSegment(segments).encode().build().toUri();
	}

	private static URI normalisedSiteUrl(URI url) {
		URI checked = checkedHttpUrl("SITE_URL", (url != null) ? url : URI.create("http://localhost:8080/"));
		if (checked.getRawQuery() != null || checked.getRawFragment() != null) {
			throw new IllegalArgumentException("SITE_URL must not have a query or fragment (got '" + url + "')");
		}
		String path = (checked.getRawPath() == null) ? "" : checked.getRawPath().replaceAll("/{2,}", "/");
		path = path.endsWith("/") ? path : path + "/";
		return UriComponentsBuilder.fromUri(checked).replacePath(path).build(true).toUri();
	}

	private static URI normalisedProfileUrl(URI url) {
		URI checked = checkedHttpUrl("ADMIN_ME", url);
		String path = (checked.getRawPath() == null || checked.getRawPath().isEmpty()) ? "/" : checked.getRawPath();
		return UriComponentsBuilder.fromUri(checked)
			.host(checked.getHost().toLowerCase(Locale.ROOT))
			.replacePath(path)
			.build(true)
			.toUri();
	}

	/** One of a few words, ignoring case; the first when nothing was set. */
	private static String oneOf(String name, String value, List<String> choices) {
		if (value == null || value.isBlank()) {
			return choices.get(0);
		}
		String choice = value.strip().toLowerCase(Locale.ROOT);
		if (!choices.contains(choice)) {
			throw new IllegalArgumentException(
					name + " must be " + String.join(" or ", choices) + " (got '" + value.strip() + "')");
		}
		return choice;
	}

	private static URI checkedHttpUrl(String name, URI url) {
		String scheme = (url.getScheme() != null) ? url.getScheme().toLowerCase(Locale.ROOT) : "";
		if (!(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
			throw new IllegalArgumentException(
					name + " must be an absolute http or https URL such as https://example.com/ (got '" + url + "')");
		}
		return url;
	}

	/**
	 * Micropub's settings.
	 *
	 * @param tokenEndpoint an external IndieAuth token endpoint ({@code TOKEN_ENDPOINT})
	 * that verifies Micropub's tokens instead of this server's own, or {@code null}
	 * @param mediaMaxBytes the largest file the media endpoint takes
	 * ({@code MEDIA_MAX_BYTES}, bytes or a size such as {@code 10MB}; 10 MB by default)
	 * @param mediaMaxPixels the most pixels (width times height, read from the header
	 * before anything is decoded) an uploaded image may have ({@code MEDIA_MAX_PIXELS};
	 * 50 megapixels by default)
	 */
	public record Micropub(URI tokenEndpoint, DataSize mediaMaxBytes, Long mediaMaxPixels) {

		/** The default for {@code MEDIA_MAX_BYTES}. */
		public static final DataSize DEFAULT_MEDIA_MAX = DataSize.ofMegabytes(10);

		/** The default for {@code MEDIA_MAX_PIXELS}: 50 megapixels. */
		public static final long DEFAULT_MAX_PIXELS = 50_000_000L;

		/** The most {@code MEDIA_MAX_PIXELS} may be: 200 megapixels. */
		public static final long MOST_PIXELS = 200_000_000L;

		public Micropub {
			tokenEndpoint = (tokenEndpoint == null || tokenEndpoint.toString().isBlank()) ? null
					: checkedHttpUrl("TOKEN_ENDPOINT", tokenEndpoint);
			mediaMaxBytes = (mediaMaxBytes != null) ? mediaMaxBytes : DEFAULT_MEDIA_MAX;
			if (mediaMaxBytes.toBytes() < 1 || mediaMaxBytes.toBytes() > DataSize.ofMegabytes(512).toBytes()) {
				throw new IllegalArgumentException(
						"MEDIA_MAX_BYTES must be between 1 byte and 512MB (got " + mediaMaxBytes.toBytes() + ")");
			}
			mediaMaxPixels = (mediaMaxPixels != null) ? mediaMaxPixels : DEFAULT_MAX_PIXELS;
			if (mediaMaxPixels < 1 || mediaMaxPixels > MOST_PIXELS) {
				throw new IllegalArgumentException(
						"MEDIA_MAX_PIXELS must be between 1 and " + MOST_PIXELS + " (got " + mediaMaxPixels + ")");
			}
		}

	}

	/**
	 * How the owner signs in. The password never appears in {@link #toString()}.
	 *
	 * @param password the owner's password ({@code ADMIN_PASSWORD}), hashed at start-up
	 * and never stored, or {@code null}
	 * @param passwordHash an Argon2id or BCrypt hash of it ({@code ADMIN_PASSWORD_HASH}),
	 * or {@code null}
	 * @param indieauth whether the sign-in page also offers IndieAuth sign-in with
	 * {@code ADMIN_ME} ({@code INDIEAUTH_LOGIN})
	 */
	public record SignIn(String password, String passwordHash, boolean indieauth) {

		public SignIn {
			password = (password == null || password.isEmpty()) ? null : password;
			passwordHash = (passwordHash == null || passwordHash.isBlank()) ? null : passwordHash.strip();
			if (password != null && passwordHash != null) {
				throw new IllegalArgumentException(
						"ADMIN_PASSWORD and ADMIN_PASSWORD_HASH are both set; set only one of them");
			}
			if (password != null && password.length() < 8) {
				throw new IllegalArgumentException("ADMIN_PASSWORD must be at least 8 characters long");
			}
			if (passwordHash != null && !(passwordHash.startsWith("$argon2id$")
					|| passwordHash.matches("^\\$2[aby]\\$\\d\\d\\$[./A-Za-z0-9]{53}$"))) {
				throw new IllegalArgumentException(
						"ADMIN_PASSWORD_HASH must be an Argon2id ($argon2id$...) or BCrypt ($2b$...) hash");
			}
		}

		@Override
		public String toString() {
			return "SignIn[password=" + ((this.password != null) ? "(set)" : "(not set)") + ", passwordHash="
					+ ((this.passwordHash != null) ? "(set)" : "(not set)") + ", indieauth=" + this.indieauth + "]";
		}

	}

	/**
	 * The network in front of the server.
	 *
	 * @param trustedProxies the addresses or CIDR ranges of reverse proxies whose
	 * {@code X-Forwarded-For} names the client ({@code TRUSTED_PROXIES}, comma-separated;
	 * empty by default: the connecting address is the client)
	 */
	public record Network(List<String> trustedProxies) {

		public Network {
			trustedProxies = (trustedProxies == null) ? List.of()
					: trustedProxies.stream()
						.filter((proxy) -> proxy != null && !proxy.isBlank())
						.map(String::strip)
						.toList();
			for (String proxy : trustedProxies) {
				try {
					AddressRange.parse(proxy);
				}
				catch (IllegalArgumentException ex) {
					throw new IllegalArgumentException("TRUSTED_PROXIES must list IP addresses or CIDR ranges, "
							+ "separated by commas, such as 127.0.0.1,10.0.0.0/8 (" + ex.getMessage() + ")");
				}
			}
		}

		/**
		 * The trusted proxies, read.
		 * @return the ranges
		 */
		public List<AddressRange> ranges() {
			return this.trustedProxies.stream().map(AddressRange::parse).toList();
		}

	}

	/**
	 * Scheduled backups.
	 *
	 * @param interval how often a backup is taken while the server runs
	 * ({@code BACKUP_INTERVAL}, a duration such as {@code 24h}; unset or {@code 0}:
	 * never)
	 * @param keep how many scheduled backups are kept ({@code BACKUP_KEEP}, 7 by default)
	 */
	public record Backup(Duration interval, Integer keep) {

		public Backup {
			interval = (interval == null || interval.isZero()) ? null : interval;
			if (interval != null && (interval.isNegative() || interval.compareTo(Duration.ofMinutes(1)) < 0)) {
				throw new IllegalArgumentException("BACKUP_INTERVAL must be at least 1m, such as 24h (got " + interval
						+ "); 0 or unset takes no scheduled backups");
			}
			keep = (keep != null) ? keep : 7;
			if (keep < 1) {
				throw new IllegalArgumentException("BACKUP_KEEP must be 1 or more (got " + keep + ")");
			}
		}

	}

	/**
	 * What operators watch. The token never appears in {@link #toString()}.
	 *
	 * @param metricsToken the bearer token that opens {@code /metrics} on the main port
	 * ({@code METRICS_TOKEN}); unset, {@code /metrics} is not found there
	 * @param managementPort a port on the loopback address that serves {@code /metrics}
	 * without a token ({@code MANAGEMENT_PORT}), or {@code null} for none
	 * @param logFormat {@code text} (the default) or {@code json}, one object a line
	 * ({@code LOG_FORMAT})
	 */
	public record Monitoring(String metricsToken, Integer managementPort, String logFormat) {

		private static final List<String> LOG_FORMATS = List.of("text", "json");

		public Monitoring {
			metricsToken = (metricsToken == null || metricsToken.isBlank()) ? null : metricsToken.strip();
			if (metricsToken != null && metricsToken.length() < 16) {
				throw new IllegalArgumentException("METRICS_TOKEN must be at least 16 characters long");
			}
			managementPort = (managementPort == null || managementPort == 0) ? null : managementPort;
			if (managementPort != null && (managementPort < 1 || managementPort > 65535)) {
				throw new IllegalArgumentException(
						"MANAGEMENT_PORT must be between 1 and 65535 (got " + managementPort + ")");
			}
			logFormat = oneOf("LOG_FORMAT", logFormat, LOG_FORMATS);
		}

		@Override
		public String toString() {
			return "Monitoring[metricsToken=" + ((this.metricsToken != null) ? "(set)" : "(not set)")
					+ ", managementPort=" + this.managementPort + ", logFormat=" + this.logFormat + "]";
		}

	}

	/**
	 * What the server does in the IndieWeb conversation on the owner's behalf.
	 *
	 * @param websubHubs the WebSub hubs advertised and pinged ({@code WEBSUB_HUB},
	 * comma-separated URLs; none by default)
	 * @param webmentionTrustedDomains host names whose verified webmentions are approved
	 * without moderation ({@code WEBMENTION_TRUSTED_DOMAINS}, comma-separated; a host
	 * matches itself and its subdomains)
	 * @param fetchAllowPrivate whether outbound fetches and webmentions may reach
	 * loopback, private and link-local addresses ({@code FETCH_ALLOW_PRIVATE}, for tests
	 * and intranets; {@code false} by default)
	 * @param syndicateToJson the syndication targets ({@code SYNDICATE_TO}, a JSON
	 * array), read with {@link #syndicateTo()}
	 * @param jobMaxAttempts how many times a job is tried before it is marked failed
	 * ({@code JOB_MAX_ATTEMPTS}, 8 by default)
	 */
	public record Conversations(List<URI> websubHubs, List<String> webmentionTrustedDomains, boolean fetchAllowPrivate,
			String syndicateToJson, Integer jobMaxAttempts) {

		public Conversations {
			websubHubs = (websubHubs == null) ? List.of()
					: websubHubs.stream()
						.filter((hub) -> hub != null && !hub.toString().isBlank())
						.map((hub) -> checkedHttpUrl("WEBSUB_HUB", hub))
						.toList();
			webmentionTrustedDomains = (webmentionTrustedDomains == null) ? List.of()
					: webmentionTrustedDomains.stream()
						.filter((domain) -> domain != null && !domain.isBlank())
						.map((domain) -> trustedDomain(domain.strip()))
						.toList();
			syndicateToJson = (syndicateToJson == null || syndicateToJson.isBlank()) ? "" : syndicateToJson.strip();
			// checked now, so that a malformed value stops start-up (the message never
			// quotes the value: it holds tokens)
			SyndicationTargets.parse(syndicateToJson);
			jobMaxAttempts = (jobMaxAttempts != null) ? jobMaxAttempts : 8;
			if (jobMaxAttempts < 1 || jobMaxAttempts > 100) {
				throw new IllegalArgumentException(
						"JOB_MAX_ATTEMPTS must be between 1 and 100 (got " + jobMaxAttempts + ")");
			}
		}

		/**
		 * Whether a verified webmention from this host is approved without moderation.
		 * @param host the source's host name
		 * @return whether it is one of {@link #webmentionTrustedDomains()} or below one
		 */
		public boolean trusted(String host) {
			if (host == null) {
				return false;
			}
			String name = host.toLowerCase(Locale.ROOT);
			return this.webmentionTrustedDomains.stream()
				.anyMatch((domain) -> name.equals(domain) || name.endsWith("." + domain));
		}

		/**
		 * The syndication targets of {@code SYNDICATE_TO}.
		 * @return the targets, in the order given
		 */
		public SyndicationTargets syndicateTo() {
			return SyndicationTargets.parse(this.syndicateToJson);
		}

		/**
		 * The target with this uid.
		 * @param uid a uid from {@code mp-syndicate-to} or the editor
		 * @return the target, or empty
		 */
		public java.util.Optional<SyndicationTarget> target(String uid) {
			return syndicateTo().all().stream().filter((target) -> target.uid().equals(uid)).findFirst();
		}

		@Override
		public String toString() {
			return "Conversations[websubHubs=" + this.websubHubs + ", webmentionTrustedDomains="
					+ this.webmentionTrustedDomains + ", fetchAllowPrivate=" + this.fetchAllowPrivate + ", syndicateTo="
					+ syndicateTo() + ", jobMaxAttempts=" + this.jobMaxAttempts + "]";
		}

		private static String trustedDomain(String domain) {
			String name = domain.toLowerCase(Locale.ROOT);
			if (name.startsWith(".")) {
				name = name.substring(1);
			}
			if (!name.matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*")) {
				throw new IllegalArgumentException("WEBMENTION_TRUSTED_DOMAINS must list host names such as "
						+ "example.com, separated by commas (got '" + domain + "')");
			}
			return name;
		}

	}

	/**
	 * One place notes are syndicated to, from {@code SYNDICATE_TO}. The token never
	 * appears in {@link #toString()}.
	 *
	 * @param uid what Micropub's {@code mp-syndicate-to} and the editor name it by
	 * @param name its name, for people
	 * @param type {@code micropub}, {@code mastodon} or {@code bluesky}
	 * @param url the Micropub endpoint, the Mastodon instance's base URL or the Bluesky
	 * PDS's base URL
	 * @param token the bearer token; for Bluesky {@code handle:app-password}
	 */
	public record SyndicationTarget(String uid, String name, String type, URI url, String token) {

		private static final List<String> TYPES = List.of("micropub", "mastodon", "bluesky");

		public SyndicationTarget {
			if (uid == null || uid.isBlank()) {
				throw new IllegalArgumentException("SYNDICATE_TO: every target needs a uid");
			}
			uid = uid.strip();
			name = (name == null || name.isBlank()) ? uid : name.strip();
			if (type == null || !TYPES.contains(type.strip().toLowerCase(Locale.ROOT))) {
				throw new IllegalArgumentException(
						"SYNDICATE_TO: the target " + uid + " needs a type, one of " + TYPES + " (got '" + type + "')");
			}
			type = type.strip().toLowerCase(Locale.ROOT);
			if (url == null) {
				throw new IllegalArgumentException("SYNDICATE_TO: the target " + uid + " needs a url");
			}
			url = checkedHttpUrl("SYNDICATE_TO (" + uid + ")", url);
			if (token == null || token.isBlank()) {
				throw new IllegalArgumentException("SYNDICATE_TO: the target " + uid + " needs a token");
			}
			if (type.equals("bluesky") && !token.contains(":")) {
				throw new IllegalArgumentException(
						"SYNDICATE_TO: the Bluesky target " + uid + " needs a token of the form handle:app-password");
			}
		}

		@Override
		public String toString() {
			return "SyndicationTarget[uid=" + this.uid + ", name=" + this.name + ", type=" + this.type + ", url="
					+ this.url + ", token=(set)]";
		}

	}

}
