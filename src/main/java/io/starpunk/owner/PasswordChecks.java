package io.starpunk.owner;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import org.springframework.stereotype.Component;

import io.starpunk.http.RateLimit;

/**
 * The global bound on password checks: each costs tens of milliseconds of a core and 16
 * MB (Argon2id), so at most {@link #BURST} at once and {@link #PER_SECOND} a second after
 * that, from everybody together. A sign-in beyond it is refused (429) before the hash is
 * computed, so a flood cannot burn both cores.
 */
@Component
class PasswordChecks {

	static final int BURST = 30;

	static final int PER_SECOND = 10;

	private final RateLimit limit;

	PasswordChecks(Clock clock) {
		this.limit = RateLimit.global(BURST, Duration.ofSeconds(1).dividedBy(PER_SECOND), clock);
	}

	/**
	 * Takes one check from the budget.
	 * @return empty when the password may be checked now, else how long until one may
	 */
	Optional<Duration> take() {
		return this.limit.take();
	}

}
