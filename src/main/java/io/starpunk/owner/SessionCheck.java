package io.starpunk.owner;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Component;

/**
 * Whether a request comes from the signed-in owner, for the few checks made before Spring
 * Security has read the request (an upload's body limit): the same session cookie and
 * {@code sessions} row that Spring Security will find.
 */
@Component
public class SessionCheck {

	private final OwnerSessions sessions;

	SessionCheck(OwnerSessions sessions) {
		this.sessions = sessions;
	}

	/**
	 * Whether the request carries the owner's valid session.
	 * @param request the request, of which only the cookies are read
	 * @return whether it does
	 */
	public boolean isOwner(HttpServletRequest request) {
		return this.sessions.containsContext(request);
	}

}
