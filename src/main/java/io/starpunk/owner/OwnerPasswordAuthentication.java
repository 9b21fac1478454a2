package io.starpunk.owner;

import java.time.Duration;
import java.util.Optional;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

import io.starpunk.config.StarpunkSettings;

/**
 * Checks the password of a form sign-in (there is one user, so the user name is not asked
 * for). Before the slow hash is computed, in this order: the client's address may not be
 * waiting, the account may not be (unless the browser is a {@link KnownDevices known}
 * one), and the global budget of {@link PasswordChecks} must have room. Any of them
 * refuses with {@link SignInLocked}, unchecked.
 */
@Component
class OwnerPasswordAuthentication implements AuthenticationProvider {

	private final OwnerPassword password;

	private final LoginThrottle throttle;

	private final PasswordChecks checks;

	private final StarpunkSettings settings;

	OwnerPasswordAuthentication(OwnerPassword password, LoginThrottle throttle, PasswordChecks checks,
			StarpunkSettings settings) {
		this.password = password;
		this.throttle = throttle;
		this.checks = checks;
		this.settings = settings;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		SignInAttempt attempt = (authentication.getDetails() instanceof SignInAttempt given) ? given
				: new SignInAttempt("unknown", false);
		Optional<Duration> wait = this.throttle.waitFor(attempt.address(), attempt.knownDevice());
		if (wait.isPresent()) {
			throw SignInLocked.address(wait.get());
		}
		if (!attempt.knownDevice()) {
			Optional<Duration> accountWait = this.throttle.accountWait();
			if (accountWait.isPresent()) {
				throw SignInLocked.account(accountWait.get());
			}
		}
		Optional<Duration> busy = this.checks.take();
		if (busy.isPresent()) {
			throw SignInLocked.busy(busy.get());
		}
		Object credentials = authentication.getCredentials();
		if (credentials instanceof String given && this.password.matches(given)) {
			this.throttle.succeeded(attempt.address());
			return OwnerAuthentication.signedIn(this.settings.adminMe().toString());
		}
		this.throttle.failed(attempt.address(), attempt.knownDevice());
		Optional<Duration> now = this.throttle.waitFor(attempt.address(), attempt.knownDevice());
		if (now.isPresent()) {
			throw SignInLocked.address(now.get());
		}
		throw new BadCredentialsException("Wrong password");
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

}
