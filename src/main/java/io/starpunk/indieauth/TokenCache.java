package io.starpunk.indieauth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Active access tokens, kept in memory for a minute at most and keyed by their hash, so
 * that verifying a token in the common case reads no database. Every revocation evicts
 * what it revoked (or everything) at once; a verification that raced a revocation does
 * not leave its stale answer behind (the revocation counter below).
 */
final class TokenCache {

	static final Duration TTL = Duration.ofSeconds(60);

	static final int MAX_ENTRIES = 10_000;

	private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

	private final AtomicLong revocations = new AtomicLong();

	private final Clock clock;

	TokenCache(Clock clock) {
		this.clock = clock;
	}

	/**
	 * The cached answer for a hash, else the loader's (cached if it found a token).
	 * @param hash the token's hash
	 * @param loader reads the token from the database
	 * @return the active token, if any
	 */
	Optional<AccessToken> get(String hash, Supplier<Optional<AccessToken>> loader) {
		Instant now = this.clock.instant();
		Entry cached = this.entries.get(hash);
		if (cached != null && cached.until().isAfter(now)) {
			return cached.token().expiresAt().isAfter(now) ? Optional.of(cached.token()) : Optional.empty();
		}
		long before = this.revocations.get();
		Optional<AccessToken> loaded = loader.get();
		if (loaded.isPresent()) {
			if (this.entries.size() >= MAX_ENTRIES) {
				this.entries.values().removeIf((entry) -> !entry.until().isAfter(now));
				if (this.entries.size() >= MAX_ENTRIES) {
					this.entries.clear();
				}
			}
			this.entries.put(hash, new Entry(loaded.get(), now.plus(TTL)));
			if (this.revocations.get() != before) {
				// a revocation ran while the token was read: it may have missed this
				// entry
				this.entries.remove(hash);
			}
		}
		else {
			this.entries.remove(hash);
		}
		return loaded;
	}

	/** Forgets tokens just revoked. */
	void evict(Iterable<String> hashes) {
		this.revocations.incrementAndGet();
		hashes.forEach(this.entries::remove);
	}

	/** Forgets every token. */
	void evictAll() {
		this.revocations.incrementAndGet();
		this.entries.clear();
	}

	private record Entry(AccessToken token, Instant until) {
	}

}
