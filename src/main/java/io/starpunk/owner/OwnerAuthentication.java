package io.starpunk.owner;

import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * The owner, signed in: the principal is their identity URL ({@code ADMIN_ME}).
 */
final class OwnerAuthentication extends AbstractAuthenticationToken {

	static final String ROLE = "OWNER";

	private final String me;

	OwnerAuthentication(String me) {
		super(List.of(new SimpleGrantedAuthority("ROLE_" + ROLE)));
		this.me = me;
		setAuthenticated(true);
	}

	static boolean isOwner(Authentication authentication) {
		return authentication instanceof OwnerAuthentication && authentication.isAuthenticated();
	}

	@Override
	public Object getCredentials() {
		return "";
	}

	@Override
	public Object getPrincipal() {
		return this.me;
	}

}
