package io.starpunk.indieauth;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;

import org.springframework.stereotype.Component;

import io.starpunk.config.ClockTicker;

/**
 * Active access tokens, kept in memory for a minute at most and keyed by their hash, so
 * that verifying a token in the common case reads no database. A Caffeine cache of at
 * most {@link #MAX_BYTES}; concurrent misses for one hash read the database once. Every
 * revocation evicts what it revoked (or everything) at once; a verification that raced a
 * revocation does not leave its stale answer behind (the revocation counter below).
 * Shared by the verifier, which fills it, and the grants, which evict from it once their
 * revocations are committed.
 */
@Component
class TokenCache implements MeterBinder {

	static final Duration TTL = Duration.ofSeconds(60);

	/** About ten thousand tokens. */
	static final long MAX_BYTES = 4L * 1024 * 1024;

	private final Cache<String, AccessToken> entries;

	private final AtomicLong revocations = new AtomicLong();

	private final Clock clock;

	TokenCache(Clock clock) {
		this.clock = clock;
		this.entries = Caffeine.newBuilder()
			.expireAfterWrite(TTL)
			.maximumWeight(MAX_BYTES)
			.weigher(TokenCache::weight)
			.ticker(new ClockTicker(clock))
			.recordStats()
			.build();
	}

	/**
	 * The cached answer for a hash, else the loader's (cached if it found a token).
	 * @param hash the token's hash
	 * @param loader reads the token from the database
	 * @return the active token, if any
	 */
	Optional<AccessToken> get(String hash, Supplier<Optional<AccessToken>> loader) {
		long before = this.revocations.get();
		AccessToken token = this.entries.get(hash, (key) -> loader.get().orElse(null));
		if (token == null) {
			return Optional.empty();
		}
		if (this.revocations.get() != before) {
			// a revocation ran while the token was read: it may have missed this entry
			this.entries.invalidate(hash);
		}
		return token.expiresAt().isAfter(this.clock.instant()) ? Optional.of(token) : Optional.empty();
	}

	/** Forgets tokens just revoked. */
	void evict(Iterable<String> hashes) {
		this.revocations.incrementAndGet();
		this.entries.invalidateAll(hashes);
	}

	/** Forgets every token. */
	void evictAll() {
		this.revocations.incrementAndGet();
		this.entries.invalidateAll();
	}

	/** Two bytes a character of the hash and the token's texts, and the objects. */
	private static int weight(String hash, AccessToken token) {
		int scopes = token.scopes().stream().mapToInt((scope) -> 2 * scope.length() + 48).sum();
		return 2 * (hash.length() + length(token.me()) + length(token.clientId())) + scopes + 160;
	}

	private static int length(String text) {
		return (text != null) ? text.length() : 0;
	}

	/**
	 * Its hits, misses, evictions and size, as the {@code cache.*} meters tagged
	 * {@code cache=tokens}.
	 * @param registry where they are kept
	 */
	@Override
	public void bindTo(MeterRegistry registry) {
		CaffeineCacheMetrics.monitor(registry, this.entries, "tokens");
	}

}
