package io.starpunk.micropub;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.starpunk.config.ClockTicker;
import io.starpunk.config.Sha256;
import io.starpunk.http.FetchFailed;
import io.starpunk.http.FormFields;
import io.starpunk.http.OutboundFetch;
import io.starpunk.http.OutboundRequest;
import io.starpunk.http.OutboundResponse;
import io.starpunk.indieauth.AccessToken;

/**
 * Verifies Micropub's tokens with an external IndieAuth token endpoint
 * ({@code TOKEN_ENDPOINT}) instead of this server's own, as StarPunk 1.0 did: {@code GET}
 * with the token as a bearer token, a JSON (or, from older endpoints, form-encoded)
 * answer naming {@code me}, {@code client_id} and {@code scope}.
 * <p>
 * Answers are kept in memory keyed by the token's hash: a valid one for
 * {@link #VALID_FOR} (never past the expiry the endpoint gives), a refusal for
 * {@link #REFUSED_FOR}, so that a bad token cannot make this server hammer the endpoint;
 * at most {@link #MAX_BYTES} of them. Requests that arrive with one token while it is
 * being asked about wait for that one answer rather than ask again. When the endpoint
 * cannot answer (unreachable, slow, 5xx, an answer that makes no sense) the request (and
 * any waiting with it) is refused with 503 and nothing is remembered: this never fails
 * open.
 */
final class ExternalTokenEndpoint {

	static final Duration VALID_FOR = Duration.ofMinutes(2);

	static final Duration REFUSED_FOR = Duration.ofSeconds(30);

	/** About ten thousand answers. */
	static final long MAX_BYTES = 4L * 1024 * 1024;

	static final int MAX_ANSWER_BYTES = 64 * 1024;

	private static final Log logger = LogFactory.getLog(ExternalTokenEndpoint.class);

	private final URI endpoint;

	private final JsonMapper json;

	private final Clock clock;

	private final OutboundFetch fetch;

	private final AsyncCache<String, Verdict> answers;

	/**
	 * Asks {@code endpoint} through a fetcher that reaches that origin only, at whatever
	 * address it has: the operator set TOKEN_ENDPOINT, and may well run it on their own
	 * network.
	 */
	ExternalTokenEndpoint(URI endpoint, OutboundFetch fetch, JsonMapper json, Clock clock) {
		this.endpoint = endpoint;
		this.json = json;
		this.clock = clock;
		this.fetch = fetch.onlyTo(endpoint);
		this.answers = Caffeine.newBuilder()
			.expireAfter(new AnswerExpiry(clock))
			.maximumWeight(MAX_BYTES)
			.weigher(ExternalTokenEndpoint::weight)
			.ticker(new ClockTicker(clock))
			.buildAsync();
	}

	URI endpoint() {
		return this.endpoint;
	}

	/**
	 * What the endpoint says of a token.
	 * @param bearerToken the token as the client sent it
	 * @return the verdict; {@link Verdict.Unavailable} when the endpoint could not answer
	 */
	Verdict verify(String bearerToken) {
		if (bearerToken.length() > 4096 || !bearerToken.chars().allMatch((c) -> c > 0x20 && c < 0x7f)) {
			return new Verdict.Refused();
		}
		CompletableFuture<Verdict> mine = new CompletableFuture<>();
		CompletableFuture<Verdict> asked = this.answers.asMap().putIfAbsent(Sha256.hex(bearerToken), mine);
		if (asked == null) {
			Verdict verdict = new Verdict.Unavailable();
			try {
				verdict = ask(bearerToken, this.clock.instant());
			}
			finally {
				mine.complete(verdict);
			}
			return verdict;
		}
		try {
			return asked.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return unavailable("the request was interrupted");
		}
		catch (ExecutionException ex) {
			return unavailable("its answer could not be read (" + ex.getCause().getClass().getSimpleName() + ")");
		}
	}

	/** Asks the endpoint, in this thread; the answer, never a failure. */
	private Verdict ask(String bearerToken, Instant now) {
		OutboundRequest request = OutboundRequest.get(this.endpoint)
			.withoutRedirects()
			.header("Authorization", "Bearer " + bearerToken)
			.header("Accept", "application/json")
			.refusedAbove(MAX_ANSWER_BYTES);
		try {
			return verdict(this.fetch.send(request), now);
		}
		catch (FetchFailed ex) {
			return switch (ex.reason()) {
				case TIMEOUT ->
					unavailable("it did not answer within " + this.fetch.limits().totalTimeout().toMillis() + " ms");
				case TOO_LARGE -> unavailable("its answer is larger than " + MAX_ANSWER_BYTES + " bytes");
				default -> unavailable("it could not be reached (" + ex.getMessage() + ")");
			};
		}
	}

	private Verdict verdict(OutboundResponse response, Instant now) {
		int status = response.status();
		if (status == 400 || status == 401 || status == 403 || status == 404) {
			return new Verdict.Refused();
		}
		if (status != 200) {
			return unavailable("it answered HTTP " + status);
		}
		Map<String, String> fields = fields(response);
		if (fields == null) {
			return unavailable("its answer could not be read");
		}
		if ("false".equals(fields.get("active")) || fields.containsKey("error")) {
			return new Verdict.Refused();
		}
		String me = fields.get("me");
		if (me == null || me.isBlank()) {
			return unavailable("its answer names no 'me'");
		}
		Instant issuedAt = epochSeconds(fields.get("iat"));
		Instant expiresAt = epochSeconds(fields.get("exp"));
		Long expiresIn = number(fields.get("expires_in"));
		if (expiresIn != null) {
			expiresAt = earliest(now.plusSeconds(Math.max(0, expiresIn)), expiresAt);
		}
		if (expiresAt != null && !expiresAt.isAfter(now)) {
			return new Verdict.Refused();
		}
		String clientId = fields.get("client_id");
		return new Verdict.Valid(
				new AccessToken(me.strip(), (clientId == null || clientId.isBlank()) ? null : clientId.strip(),
						fields.getOrDefault("scope", ""), (issuedAt != null) ? issuedAt : now, expiresAt));
	}

	/** The answer's fields as text, from JSON or a form; {@code null} if unreadable. */
	private Map<String, String> fields(OutboundResponse response) {
		String type = response.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
		String body = new String(response.body(), StandardCharsets.UTF_8);
		boolean looksLikeJson = body.stripLeading().startsWith("{");
		if (type.contains("json") || (!type.contains("x-www-form-urlencoded") && looksLikeJson)) {
			return jsonFields(body);
		}
		if (type.contains("x-www-form-urlencoded") || type.isEmpty() || type.startsWith("text/plain")) {
			return formFields(body);
		}
		return null;
	}

	private Map<String, String> jsonFields(String body) {
		JsonNode node;
		try {
			node = this.json.readTree(body);
		}
		catch (JacksonException ex) {
			return null;
		}
		if (node == null || !node.isObject()) {
			return null;
		}
		Map<String, String> fields = new HashMap<>();
		for (String name : List.of("me", "client_id", "scope", "active", "error", "exp", "iat", "expires_in")) {
			JsonNode value = node.get(name);
			if (value == null || value.isNull()) {
				continue;
			}
			if (value.isString() || value.isNumber() || value.isBoolean()) {
				fields.put(name, value.asString());
			}
			else if (value.isArray() && name.equals("scope")) {
				fields.put(name, value.valueStream().map(JsonNode::asString).collect(Collectors.joining(" ")));
			}
			else {
				return null;
			}
		}
		return fields;
	}

	private static Map<String, String> formFields(String body) {
		Map<String, String> fields = new HashMap<>();
		try {
			FormFields.parse(body.strip(), StandardCharsets.UTF_8)
				.forEach((name, values) -> fields.put(name, values.get(0)));
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
		return fields.isEmpty() ? null : fields;
	}

	private Verdict unavailable(String reason) {
		logger.warn("The token endpoint " + this.endpoint + " could not verify a Micropub token: " + reason);
		return new Verdict.Unavailable();
	}

	private static Instant epochSeconds(String value) {
		Long seconds = number(value);
		return (seconds != null && seconds > 0) ? Instant.ofEpochSecond(seconds) : null;
	}

	private static Long number(String value) {
		if (value == null) {
			return null;
		}
		try {
			return (long) Double.parseDouble(value.strip());
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private static Instant earliest(Instant one, Instant other) {
		return (other == null || one.isBefore(other)) ? one : other;
	}

	/** What the endpoint said of a token. */
	sealed interface Verdict {

		/** A token it vouches for. */
		record Valid(AccessToken token) implements Verdict {
		}

		/** A token it does not know, or one no longer active. */
		record Refused() implements Verdict {
		}

		/** It could not be asked, or its answer made no sense. */
		record Unavailable() implements Verdict {
		}

	}

	/** Two bytes a character of the key and the token's texts, and the objects. */
	private static int weight(String key, Verdict verdict) {
		int weight = 2 * key.length() + 160;
		if (verdict instanceof Verdict.Valid valid) {
			AccessToken token = valid.token();
			weight += 2 * (token.me().length() + ((token.clientId() != null) ? token.clientId().length() : 0));
			weight += token.scopes().stream().mapToInt((scope) -> 2 * scope.length() + 48).sum();
		}
		return weight;
	}

	/**
	 * How long an answer is kept: a valid token for {@link #VALID_FOR} but never past its
	 * expiry, a refusal for {@link #REFUSED_FOR}, no answer not at all.
	 */
	private record AnswerExpiry(Clock clock) implements Expiry<String, Verdict> {

		@Override
		public long expireAfterCreate(String key, Verdict verdict, long currentTime) {
			if (verdict instanceof Verdict.Valid valid) {
				Instant expiresAt = valid.token().expiresAt();
				Duration left = (expiresAt != null) ? Duration.between(this.clock.instant(), expiresAt) : VALID_FOR;
				return Math.max(0, ((left.compareTo(VALID_FOR) < 0) ? left : VALID_FOR).toNanos());
			}
			return (verdict instanceof Verdict.Refused) ? REFUSED_FOR.toNanos() : 0;
		}

		@Override
		public long expireAfterUpdate(String key, Verdict verdict, long currentTime, long currentDuration) {
			return expireAfterCreate(key, verdict, currentTime);
		}

		@Override
		public long expireAfterRead(String key, Verdict verdict, long currentTime, long currentDuration) {
			return currentDuration;
		}

	}

}
