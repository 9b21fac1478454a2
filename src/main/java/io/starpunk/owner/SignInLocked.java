package io.starpunk.owner;

import java.time.Duration;

import org.springframework.security.core.AuthenticationException;

/**
 * A sign-in refused unchecked: the client's address failed too often and must wait.
 */
class SignInLocked extends AuthenticationException {

	private final Duration wait;

	SignInLocked(Duration wait) {
		super("Too many failed sign-ins from this address");
		this.wait = wait;
	}

	Duration waitFor() {
		return this.wait;
	}

}
