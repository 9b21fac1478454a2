package io.starpunk.owner;

import java.io.IOException;
import java.time.Duration;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Component;

import io.starpunk.config.StarpunkSettings;

/**
 * The sign-in page, shown by {@link LoginController} and, after a failed attempt, by
 * Spring Security's failure handling: 401 for a wrong password, 429 with
 * {@code Retry-After} while the client's address must wait.
 */
@Component
class LoginPage implements AuthenticationFailureHandler {

	static final String WRONG_PASSWORD = "That password is not right.";

	private final OwnerPages pages;

	private final StarpunkSettings settings;

	private final LoginThrottle throttle;

	LoginPage(OwnerPages pages, StarpunkSettings settings, LoginThrottle throttle) {
		this.pages = pages;
		this.settings = settings;
		this.throttle = throttle;
	}

	ResponseEntity<String> render(HttpStatus status, String error, String notice, CsrfToken csrf) {
		String me = this.settings.adminMe().toString();
		boolean signedIn = OwnerAuthentication.isOwner(SecurityContextHolder.getContext().getAuthentication());
		LoginView view = new LoginView(error, notice, me, signedIn, this.settings.signIn().indieauth(),
				this.settings.adminMe().getHost());
		return this.pages.page(status, "owner/login.jte", "Sign in", view, csrf);
	}

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException {
		Duration wait = (exception instanceof SignInLocked locked) ? locked.waitFor()
				: this.throttle.waitFor(request.getRemoteAddr()).orElse(null);
		ResponseEntity<String> page = (wait != null)
				? render(HttpStatus.TOO_MANY_REQUESTS, tooMany(wait), null, csrf(request))
				: render(HttpStatus.UNAUTHORIZED, WRONG_PASSWORD, null, csrf(request));
		response.setStatus(page.getStatusCode().value());
		page.getHeaders().forEach((name, values) -> values.forEach((value) -> response.addHeader(name, value)));
		if (wait != null) {
			response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, wait.toSeconds())));
		}
		response.getWriter().write(page.getBody());
	}

	static String tooMany(Duration wait) {
		long minutes = Math.max(1, (wait.toSeconds() + 59) / 60);
		return "Too many failed sign-ins from your address. Try again in " + minutes
				+ ((minutes == 1) ? " minute." : " minutes.");
	}

	private static CsrfToken csrf(HttpServletRequest request) {
		return (CsrfToken) request.getAttribute(CsrfToken.class.getName());
	}

}
