package io.starpunk.owner;

import java.io.IOException;

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
 * {@code Retry-After} when the sign-in was refused unchecked ({@link SignInLocked}).
 */
@Component
class LoginPage implements AuthenticationFailureHandler {

	static final String WRONG_PASSWORD = "That password is not right.";

	private final OwnerPages pages;

	private final StarpunkSettings settings;

	LoginPage(OwnerPages pages, StarpunkSettings settings) {
		this.pages = pages;
		this.settings = settings;
	}

	ResponseEntity<String> render(HttpStatus status, String error, String notice, CsrfToken csrf) {
		String me = this.settings.adminMe().toString();
		boolean signedIn = OwnerAuthentication.isOwner(SecurityContextHolder.getContext().getAuthentication());
		LoginView view = new LoginView(error, notice, me, signedIn, this.settings.signIn().indieauth(),
				this.settings.adminMe().getHost());
		return this.pages.page(status, "owner/login.jte", "Sign in", view, csrf);
	}

	/**
	 * The sign-in page for a sign-in refused unchecked: 429 with {@code Retry-After}.
	 * @param locked why, and for how long
	 * @param csrf the CSRF token for the page's forms
	 * @return the page
	 */
	ResponseEntity<String> refused(SignInLocked locked, CsrfToken csrf) {
		ResponseEntity<String> page = render(HttpStatus.TOO_MANY_REQUESTS, locked.explanation(), null, csrf);
		return ResponseEntity.status(page.getStatusCode())
			.headers(page.getHeaders())
			.header(HttpHeaders.RETRY_AFTER, Long.toString(locked.retryAfterSeconds()))
			.body(page.getBody());
	}

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException {
		CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
		ResponseEntity<String> page = (exception instanceof SignInLocked locked) ? refused(locked, csrf)
				: render(HttpStatus.UNAUTHORIZED, WRONG_PASSWORD, null, csrf);
		response.setStatus(page.getStatusCode().value());
		page.getHeaders().forEach((name, values) -> values.forEach((value) -> response.addHeader(name, value)));
		response.getWriter().write(page.getBody());
	}

}
