package io.starpunk.indieauth;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.starpunk.config.StarpunkSettings;
import io.starpunk.owner.OwnerPages;

/**
 * The authorization endpoint as the owner sees it: {@code GET /auth/authorize} checks the
 * request and shows the consent page; {@code POST /auth/authorize/decision} checks it all
 * again (the form's hidden fields are not trusted) and sends the browser back to the
 * client with a code or {@code access_denied}.
 */
@Controller
class AuthorizationController {

	private final AuthorizationRequests requests;

	private final AuthorizationCodes codes;

	private final OwnerPages pages;

	private final StarpunkSettings settings;

	AuthorizationController(AuthorizationRequests requests, AuthorizationCodes codes, OwnerPages pages,
			StarpunkSettings settings) {
		this.requests = requests;
		this.codes = codes;
		this.pages = pages;
		this.settings = settings;
	}

	@GetMapping("/auth/authorize")
	ResponseEntity<String> showConsent(@RequestParam MultiValueMap<String, String> parameters, CsrfToken csrf) {
		AuthorizationCheck check = this.requests.check(parameters, "scope");
		if (check instanceof AuthorizationCheck.Valid valid) {
			return this.pages.page(HttpStatus.OK, "indieauth/consent.jte", "Allow " + valid.request().client().name(),
					consent(valid.request()), csrf);
		}
		return answer(check, HttpStatus.FOUND, csrf);
	}

	@PostMapping("/auth/authorize/decision")
	ResponseEntity<String> decide(@RequestParam MultiValueMap<String, String> parameters, CsrfToken csrf) {
		AuthorizationCheck check = this.requests.check(parameters, "requested_scope");
		if (!(check instanceof AuthorizationCheck.Valid valid)) {
			return answer(check, HttpStatus.SEE_OTHER, csrf);
		}
		AuthorizationRequest request = valid.request();
		String decision = parameters.getFirst("decision");
		Map<String, String> answer = new LinkedHashMap<>();
		if ("deny".equals(decision)) {
			answer.put("error", "access_denied");
			answer.put("error_description", "The owner did not allow it");
		}
		else if ("approve".equals(decision)) {
			Optional<Duration> lifetime = ConsentView.lifetime(parameters.getFirst("expiry"));
			if (lifetime.isEmpty()) {
				return refused("That expiry is not one of the choices. Start again from the app.", csrf);
			}
			List<String> ticked = Optional.ofNullable(parameters.get("scope")).orElse(List.of());
			String granted = String.join(" ", request.scopes().stream().filter(ticked::contains).toList());
			answer.put("code", this.codes.issue(new CodeGrant(this.settings.adminMe().toString(), request.clientId(),
					request.redirectUri(), granted, request.codeChallenge(), lifetime.get())));
		}
		else {
			return refused("Approve or deny the request. Start again from the app.", csrf);
		}
		answer.put("state", request.state());
		answer.put("iss", this.requests.issuer());
		return redirect(HttpStatus.SEE_OTHER, AuthorizationRequests.withParameters(request.redirectUri(), answer));
	}

	private ConsentView consent(AuthorizationRequest request) {
		ClientInfo.Client client = request.client();
		List<ConsentView.Scope> scopes = request.scopes()
			.stream()
			.map((scope) -> new ConsentView.Scope(scope, Scopes.description(scope)))
			.toList();
		return new ConsentView(client.name(), client.url(), client.logo(), host(request.redirectUri()), request,
				String.join(" ", request.scopes()), scopes, ConsentView.EXPIRIES);
	}

	private static String host(String redirectUri) {
		URI url = URI.create(redirectUri);
		if (url.getHost() == null) {
			return url.getScheme() + ":";
		}
		return url.getHost() + ((url.getPort() != -1) ? ":" + url.getPort() : "");
	}

	private ResponseEntity<String> answer(AuthorizationCheck check, HttpStatus redirect, CsrfToken csrf) {
		if (check instanceof AuthorizationCheck.Failed failed) {
			return redirect(redirect, failed.location());
		}
		return refused(((AuthorizationCheck.Refused) check).message(), csrf);
	}

	private ResponseEntity<String> refused(String message, CsrfToken csrf) {
		return this.pages.page(HttpStatus.BAD_REQUEST, "indieauth/error.jte", "Sign-in request refused",
				new AuthorizationErrorView(400, "This sign-in request cannot be trusted", message), csrf);
	}

	private static ResponseEntity<String> redirect(HttpStatus status, String location) {
		return ResponseEntity.status(status).location(URI.create(location)).build();
	}

}
