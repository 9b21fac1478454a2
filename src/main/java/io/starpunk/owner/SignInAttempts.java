package io.starpunk.owner;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.authentication.AuthenticationDetailsSource;
import org.springframework.stereotype.Component;

import io.starpunk.http.ClientAddress;

/**
 * Reads a {@link SignInAttempt} off the sign-in form's request, for
 * {@link OwnerPasswordAuthentication}.
 */
@Component
class SignInAttempts implements AuthenticationDetailsSource<HttpServletRequest, SignInAttempt> {

	private final ClientAddress clientAddress;

	private final KnownDevices devices;

	SignInAttempts(ClientAddress clientAddress, KnownDevices devices) {
		this.clientAddress = clientAddress;
		this.devices = devices;
	}

	@Override
	public SignInAttempt buildDetails(HttpServletRequest request) {
		return new SignInAttempt(this.clientAddress.key(request), this.devices.recognises(request));
	}

}
