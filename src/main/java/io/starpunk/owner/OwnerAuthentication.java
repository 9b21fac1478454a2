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

	private final boolean fromSession;

	private OwnerAuthentication(String me, boolean fromSession) {
		super(List.of(new SimpleGrantedAuthority("ROLE_" + ROLE)));
		this.me = me;
		this.fromSession = fromSession;
		setAuthenticated(true);
	}

	/** The owner, who has just proved who they are: a new session is due. */
	static OwnerAuthentication signedIn(String me) {
		return new OwnerAuthentication(me, false);
	}

	/** The owner, known by a live session. */
	static OwnerAuthentication fromSession(String me) {
		return new OwnerAuthentication(me, true);
	}

	boolean fromSession() {
		return this.fromSession;
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
