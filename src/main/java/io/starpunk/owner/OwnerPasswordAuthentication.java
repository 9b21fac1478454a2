package io.starpunk.owner;

import java.util.Optional;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

import io.starpunk.config.StarpunkSettings;

/**
 * Checks the password of a form sign-in (there is one user, so the user name is not asked
 * for), after asking {@link LoginThrottle} whether the client's address may try.
 */
@Component
class OwnerPasswordAuthentication implements AuthenticationProvider {

	private final OwnerPassword password;

	private final LoginThrottle throttle;

	private final StarpunkSettings settings;

	OwnerPasswordAuthentication(OwnerPassword password, LoginThrottle throttle, StarpunkSettings settings) {
		this.password = password;
		this.throttle = throttle;
		this.settings = settings;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		String address = address(authentication);
		Optional<java.time.Duration> wait = this.throttle.waitFor(address);
		if (wait.isPresent()) {
			throw new SignInLocked(wait.get());
		}
		Object credentials = authentication.getCredentials();
		if (credentials instanceof String given && this.password.matches(given)) {
			this.throttle.succeeded(address);
			return OwnerAuthentication.signedIn(this.settings.adminMe().toString());
		}
		this.throttle.failed(address);
		throw new BadCredentialsException("Wrong password");
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

	static String address(Authentication authentication) {
		return (authentication.getDetails() instanceof WebAuthenticationDetails details
				&& details.getRemoteAddress() != null) ? details.getRemoteAddress() : "unknown";
	}

}
