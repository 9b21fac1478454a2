package io.starpunk.owner;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code GET /auth/login}. The form posts to the same path, where Spring Security's form
 * login checks it; signing out is its {@code POST /auth/logout}.
 */
@Controller
class LoginController {

	private final LoginPage page;

	LoginController(LoginPage page) {
		this.page = page;
	}

	@GetMapping("/auth/login")
	ResponseEntity<String> showLogin(@RequestParam(name = "signed-out", required = false) String signedOut,
			CsrfToken csrf) {
		return this.page.render(HttpStatus.OK, null, (signedOut != null) ? "You are signed out." : null, csrf);
	}

}
