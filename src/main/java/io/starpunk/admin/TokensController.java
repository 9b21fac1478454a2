package io.starpunk.admin;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.starpunk.indieauth.ActiveToken;
import io.starpunk.indieauth.TokenGrants;

/**
 * {@code /admin/tokens}: the tokens clients hold, by client, with a way to revoke one
 * (and its grant) or all of them.
 */
@Controller
class TokensController {

	private static final Map<String, String> DONE = Map.of("revoked", "Token revoked. Its client must ask again.",
			"revoked-all", "Every token revoked. Clients must ask again.");

	private final TokenGrants tokens;

	private final AdminPages pages;

	TokensController(TokenGrants tokens, AdminPages pages) {
		this.tokens = tokens;
		this.pages = pages;
	}

	@GetMapping("/admin/tokens")
	ResponseEntity<String> showTokens(@RequestParam(required = false) String done, CsrfToken csrf) {
		Map<String, List<TokensView.Row>> byClient = new LinkedHashMap<>();
		for (ActiveToken token : this.tokens.active()) {
			String client = (token.clientId() != null) ? token.clientId() : "(no client named)";
			byClient.computeIfAbsent(client, (key) -> new ArrayList<>()).add(row(token));
		}
		List<TokensView.Client> clients = byClient.entrySet()
			.stream()
			.map((entry) -> new TokensView.Client(entry.getKey(), entry.getValue()))
			.toList();
		TokensView view = new TokensView((done != null) ? DONE.get(done) : null, clients);
		return this.pages.page(HttpStatus.OK, "admin/tokens.jte", "Tokens", view, csrf);
	}

	@PostMapping("/admin/tokens/{id}/revoke")
	ResponseEntity<String> revokeToken(@PathVariable long id, CsrfToken csrf) {
		if (!this.tokens.revokeById(id)) {
			return this.pages.error(HttpStatus.NOT_FOUND, "Token not found",
					"There is no token with that id. It may have expired and been removed.", csrf);
		}
		return AdminPages.redirect("/admin/tokens?done=revoked");
	}

	@PostMapping("/admin/tokens/revoke-all")
	ResponseEntity<String> revokeAllTokens() {
		this.tokens.revokeAll();
		return AdminPages.redirect("/admin/tokens?done=revoked-all");
	}

	private static TokensView.Row row(ActiveToken token) {
		return new TokensView.Row(token.id(), token.scope().isEmpty() ? "(no scope)" : token.scope(),
				AdminPages.iso(token.createdAt()), AdminPages.forPeople(token.createdAt()),
				(token.lastUsedAt() != null) ? AdminPages.forPeople(token.lastUsedAt()) : "Never",
				AdminPages.forPeople(token.expiresAt()), text(token.renewableUntil()));
	}

	private static String text(Instant instant) {
		return (instant != null) ? AdminPages.forPeople(instant) : null;
	}

}
