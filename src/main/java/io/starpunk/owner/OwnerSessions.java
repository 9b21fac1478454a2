package io.starpunk.owner;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.DeferredSecurityContext;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.authentication.logout.LogoutHandler;
import org.springframework.security.web.context.HttpRequestResponseHolder;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.starpunk.config.Secrets;
import io.starpunk.config.Sha256;
import io.starpunk.config.StarpunkSettings;

/**
 * Where Spring Security keeps the owner's sign-in between requests: the {@code sessions}
 * table, found by a {@code starpunk_session} cookie of 256 random bits whose SHA-256 hex
 * is all the database sees. A session lasts 30 days from its last use; a sign-in always
 * starts a new one and ends the one the browser had. Every write to the table is a
 * transaction, so it takes its turn in the one write queue.
 */
@Component
class OwnerSessions implements SecurityContextRepository, LogoutHandler {

	static final String COOKIE = "starpunk_session";

	static final Duration LIFETIME = Duration.ofDays(30);

	/**
	 * A session's expiry is moved on at most this often, so reading pages costs no write.
	 */
	static final Duration EXTEND_AFTER = Duration.ofHours(1);

	/** Set on a request whose session was extended: its cookie is sent again. */
	static final String EXTENDED = OwnerSessions.class.getName() + ".EXTENDED";

	private static final Log log = LogFactory.getLog(OwnerSessions.class);

	private final SessionRepository sessions;

	private final StarpunkSettings settings;

	private final Clock clock;

	private final SecureRandom random;

	private final KnownDevices devices;

	private final TransactionTemplate transactions;

	private final SecurityContextHolderStrategy holder = SecurityContextHolder.getContextHolderStrategy();

	OwnerSessions(SessionRepository sessions, StarpunkSettings settings, Clock clock, SecureRandom random,
			KnownDevices devices, TransactionTemplate transactions) {
		this.sessions = sessions;
		this.devices = devices;
		this.settings = settings;
		this.clock = clock;
		this.random = random;
		this.transactions = transactions;
		Integer removed = transactions.execute((status) -> sessions.deleteExpired(clock.instant()));
		if (removed != null && removed > 0) {
			log.info("Removed " + removed + " expired sign-in session(s)");
		}
	}

	@Override
	public DeferredSecurityContext loadDeferredContext(HttpServletRequest request) {
		return new DeferredSecurityContext() {

			private SecurityContext context;

			private boolean generated;

			@Override
			public SecurityContext get() {
				if (this.context == null) {
					Optional<Authentication> owner = authenticate(request);
					this.generated = owner.isEmpty();
					this.context = OwnerSessions.this.holder.createEmptyContext();
					owner.ifPresent(this.context::setAuthentication);
				}
				return this.context;
			}

			@Override
			public boolean isGenerated() {
				get();
				return this.generated;
			}

		};
	}

	@Override
	@Deprecated
	public SecurityContext loadContext(HttpRequestResponseHolder holder) {
		return loadDeferredContext(holder.getRequest()).get();
	}

	/**
	 * Called by Spring Security after a sign-in: a new session, and the end of the one
	 * the browser had, so a session id planted before sign-in is worth nothing after it;
	 * and the browser is known from now on ({@link KnownDevices}).
	 */
	@Override
	public void saveContext(SecurityContext context, HttpServletRequest request, HttpServletResponse response) {
		Authentication authentication = context.getAuthentication();
		if (!OwnerAuthentication.isOwner(authentication) || ((OwnerAuthentication) authentication).fromSession()) {
			return;
		}
		Optional<String> old = presentedToken(request);
		Instant now = this.clock.instant();
		String token = Secrets.newToken(this.random);
		String userAgent = request.getHeader(HttpHeaders.USER_AGENT);
		this.transactions.executeWithoutResult((status) -> {
			old.ifPresent((previous) -> this.sessions.delete(Sha256.hex(previous)));
			this.sessions.deleteExpired(now);
			this.sessions.insert(Sha256.hex(token), this.settings.adminMe().toString(), now, now.plus(LIFETIME),
					(userAgent != null && userAgent.length() > 200) ? userAgent.substring(0, 200) : userAgent);
		});
		response.addHeader(HttpHeaders.SET_COOKIE, cookie(token, LIFETIME).toString());
		this.devices.remember(response);
	}

	@Override
	public boolean containsContext(HttpServletRequest request) {
		return authenticate(request).isPresent();
	}

	/**
	 * Signing out: the session's row goes, and the browser is told to forget the cookie.
	 */
	@Override
	public void logout(HttpServletRequest request, HttpServletResponse response, Authentication authentication) {
		presentedToken(request).ifPresent(
				(token) -> this.transactions.executeWithoutResult((status) -> this.sessions.delete(Sha256.hex(token))));
		response.addHeader(HttpHeaders.SET_COOKIE, cookie("", Duration.ZERO).toString());
	}

	/**
	 * The cookie again, with a fresh lifetime, when this request moved its session's
	 * expiry on; otherwise nothing.
	 * @param request the request
	 * @return the {@code Set-Cookie} value
	 */
	Optional<String> renewedCookie(HttpServletRequest request) {
		return (request.getAttribute(EXTENDED) instanceof String token)
				? Optional.of(cookie(token, LIFETIME).toString()) : Optional.empty();
	}

	private Optional<Authentication> authenticate(HttpServletRequest request) {
		Optional<String> token = presentedToken(request);
		if (token.isEmpty()) {
			return Optional.empty();
		}
		Instant now = this.clock.instant();
		Optional<SessionRepository.Session> found = this.sessions.findActive(Sha256.hex(token.get()), now);
		if (found.isEmpty() || !this.settings.isAdminMe(found.get().me())) {
			return Optional.empty();
		}
		SessionRepository.Session session = found.get();
		if (session.expiresAt().isBefore(now.plus(LIFETIME).minus(EXTEND_AFTER))) {
			this.transactions
				.executeWithoutResult((status) -> this.sessions.extend(session.id(), now, now.plus(LIFETIME)));
			request.setAttribute(EXTENDED, token.get());
		}
		return Optional.of(OwnerAuthentication.fromSession(this.settings.adminMe().toString()));
	}

	private static Optional<String> presentedToken(HttpServletRequest request) {
		Cookie[] cookies = request.getCookies();
		if (cookies == null) {
			return Optional.empty();
		}
		for (Cookie cookie : cookies) {
			if (COOKIE.equals(cookie.getName()) && cookie.getValue() != null && !cookie.getValue().isEmpty()
					&& cookie.getValue().length() <= 200) {
				return Optional.of(cookie.getValue());
			}
		}
		return Optional.empty();
	}

	private ResponseCookie cookie(String value, Duration maxAge) {
		return ResponseCookie.from(COOKIE, value)
			.httpOnly(true)
			.secure("https".equals(this.settings.siteUrl().getScheme()))
			.sameSite("Lax")
			.path("/")
			.maxAge(maxAge)
			.build();
	}

}
