package io.starpunk.owner;

import java.time.Duration;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.starpunk.config.StarpunkSettings;

/**
 * {@code POST /auth/login/indieauth} sends the owner to their IndieAuth server;
 * {@code GET /auth/callback} is where it sends them back. Both answer 404 unless
 * {@code INDIEAUTH_LOGIN=true}. Starting is throttled ({@link IndieAuthLoginLimit}): a
 * refusal is a 429 page, before the owner's page is fetched.
 */
@Controller
class IndieAuthLoginController {

	private final IndieAuthLogin login;

	private final OwnerSessions sessions;

	private final CsrfTokenRepository csrfTokens;

	private final AuthenticationSuccessHandler success;

	private final LoginPage page;

	private final StarpunkSettings settings;

	private final IndieAuthLoginLimit limit;

	private final SignInAttempts attempts;

	IndieAuthLoginController(IndieAuthLogin login, OwnerSessions sessions, CsrfTokenRepository csrfTokens,
			AuthenticationSuccessHandler success, LoginPage page, StarpunkSettings settings, IndieAuthLoginLimit limit,
			SignInAttempts attempts) {
		this.limit = limit;
		this.attempts = attempts;
		this.login = login;
		this.sessions = sessions;
		this.csrfTokens = csrfTokens;
		this.success = success;
		this.page = page;
		this.settings = settings;
	}

	@PostMapping("/auth/login/indieauth")
	ResponseEntity<String> startIndieAuthLogin(HttpServletRequest request, CsrfToken csrf) {
		if (!this.settings.signIn().indieauth()) {
			return ResponseEntity.notFound().build();
		}
		SignInAttempt attempt = this.attempts.buildDetails(request);
		Optional<Duration> wait = this.limit.take(attempt.address(), attempt.knownDevice());
		if (wait.isPresent()) {
			// before anything is fetched
			return this.page.refused(SignInLocked.indieauth(wait.get()), csrf);
		}
		return ResponseEntity.status(HttpStatus.SEE_OTHER).location(this.login.start()).build();
	}

	@GetMapping("/auth/callback")
	ResponseEntity<String> finishIndieAuthLogin(@RequestParam(name = "code", required = false) String code,
			@RequestParam(name = "state", required = false) String state,
			@RequestParam(name = "iss", required = false) String iss,
			@RequestParam(name = "error", required = false) String error, HttpServletRequest request,
			HttpServletResponse response, CsrfToken csrf) throws Exception {
		if (!this.settings.signIn().indieauth()) {
			return ResponseEntity.notFound().build();
		}
		if (error != null) {
			throw new IndieAuthLogin.SignInFailed(
					"access_denied".equals(error) ? "The sign-in was cancelled at your IndieAuth server."
							: "Your IndieAuth server refused the sign-in.");
		}
		String me = this.login.finish(code, state, iss);
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(OwnerAuthentication.signedIn(me));
		SecurityContextHolder.setContext(context);
		this.sessions.saveContext(context, request, response);
		// as after a password sign-in: a new CSRF token for the new session
		this.csrfTokens.saveToken(null, request, response);
		this.success.onAuthenticationSuccess(request, response, context.getAuthentication());
		return null;
	}

	@ExceptionHandler(IndieAuthLogin.SignInFailed.class)
	ResponseEntity<String> showFailure(IndieAuthLogin.SignInFailed failure, HttpServletRequest request) {
		return this.page.render(HttpStatus.BAD_REQUEST, failure.getMessage(), null,
				(CsrfToken) request.getAttribute(CsrfToken.class.getName()));
	}

}
