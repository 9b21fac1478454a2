package io.starpunk.admin;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.jdbc.core.simple.JdbcClient;

import io.starpunk.config.Sha256;
import io.starpunk.indieauth.TokenVerifier;
import io.starpunk.support.OwnerClient;
import io.starpunk.support.RunningServer;

import static io.starpunk.admin.AdminChecks.assertAdminPage;
import static io.starpunk.admin.AdminChecks.assertRedirect;
import static io.starpunk.admin.AdminChecks.only;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The owner's list of tokens, revoking one and revoking all, over HTTP.
 */
class TokensPageTests {

	@TempDir
	static Path temp;

	private static RunningServer server;

	private static TokenVerifier tokens;

	private static JdbcClient jdbc;

	private OwnerClient owner;

	@BeforeAll
	static void start() {
		server = RunningServer.start(temp, List.of(), AdminChecks.PROPERTIES);
		tokens = server.context().getBean(TokenVerifier.class);
		jdbc = server.context().getBean(JdbcClient.class);
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@BeforeEach
	void startFromNoTokens() {
		jdbc.sql("DELETE FROM tokens").update();
		jdbc.sql("DELETE FROM refresh_tokens").update();
		this.owner = OwnerClient.signIn(server, OwnerClient.PASSWORD);
	}

	/** A token as the token endpoint stores it (its hash, a grant, a refresh token). */
	private static long insertToken(String token, String clientId, String scope, String grantId) {
		jdbc.sql("""
				INSERT INTO tokens (token_hash, me, client_id, scope, created_at, expires_at, grant_id)
				VALUES (?, 'http://blog.example/', ?, ?, '2026-01-02 03:04:05', '2099-01-01 00:00:00', ?)""")
			.params(Sha256.hex(token), clientId, scope, grantId)
			.update();
		if (grantId != null) {
			jdbc.sql("""
					INSERT INTO refresh_tokens (token_hash, grant_id, me, client_id, scope, created_at, expires_at)
					VALUES (?, ?, 'http://blog.example/', ?, ?, '2026-01-02 03:04:05', '2099-02-01 00:00:00')""")
				.params(Sha256.hex("refresh-" + token), grantId, clientId, scope)
				.update();
		}
		return jdbc.sql("SELECT id FROM tokens WHERE token_hash = ?")
			.param(Sha256.hex(token))
			.query(Long.class)
			.single();
	}

	@Test
	void theListShowsTokensByClientWithTheirScopesAndTimes() {
		insertToken("quill-token", "https://quill.p3k.io/", "create media", "grant-quill");
		insertToken("indigenous-token", "https://indigenous.realize.be/", "create", null);
		Document page = assertAdminPage(this.owner.get("/admin/tokens"), 200);
		assertThat(page.select("main h1").text()).isEqualTo("Tokens");
		assertThat(page.select("nav.owner-nav a").eachAttr("href")).contains("/admin/tokens");
		assertThat(page.select(".token-client h2").eachText()).containsExactly("https://indigenous.realize.be/",
				"https://quill.p3k.io/");
		Element quill = page.select(".token-client").get(1);
		assertThat(quill.select(".headline").text()).isEqualTo("Scopes: create media");
		assertThat(quill.select(".note-meta").text()).contains("Issued 2 Jan 2026, 03:04 UTC")
			.contains("last used Never")
			.contains("expires 1 Jan 2099, 00:00 UTC")
			.contains("renewable until 1 Feb 2099, 00:00 UTC");
		assertThat(page.select("form[action$=/revoke] input[name=_csrf]")).hasSize(2);
		only(page, "form#revoke-all-form[action=/admin/tokens/revoke-all] input[name=_csrf]");
	}

	@Test
	void revokingATokenEndsItAndItsGrantAtOnce() {
		long id = insertToken("quill-token", "https://quill.p3k.io/", "create", "grant-quill");
		insertToken("other-token", "https://other.example/", "create", "grant-other");
		assertThat(tokens.verify("quill-token")).as("cached").isPresent();
		assertRedirect(this.owner.post("/admin/tokens/" + id + "/revoke", Map.of()), "/admin/tokens?done=revoked");
		assertThat(tokens.verify("quill-token")).isEmpty();
		assertThat(tokens.verify("other-token")).isPresent();
		assertThat(jdbc.sql("SELECT revoked_at FROM refresh_tokens WHERE grant_id = 'grant-quill'")
			.query(String.class)
			.single()).isNotNull();
		Document page = assertAdminPage(this.owner.get("/admin/tokens?done=revoked"), 200);
		assertThat(page.select(".flash").text()).isEqualTo("Token revoked. Its client must ask again.");
		assertThat(page.select(".token-client h2").eachText()).containsExactly("https://other.example/");
		assertAdminPage(this.owner.post("/admin/tokens/999999/revoke", Map.of()), 404);
	}

	@Test
	void revokeAllEndsEveryToken() {
		insertToken("one", "https://one.example/", "create", "grant-one");
		insertToken("two", null, "create", null);
		assertThat(tokens.verify("two")).isPresent();
		assertRedirect(this.owner.post("/admin/tokens/revoke-all", Map.of()), "/admin/tokens?done=revoked-all");
		assertThat(tokens.verify("one")).isEmpty();
		assertThat(tokens.verify("two")).isEmpty();
		Document page = assertAdminPage(this.owner.get("/admin/tokens?done=revoked-all"), 200);
		assertThat(page.select(".flash").text()).isEqualTo("Every token revoked. Clients must ask again.");
		assertThat(page.select(".empty").text()).isEqualTo("No app holds a token.");
		assertThat(page.select("#revoke-all-form")).isEmpty();
	}

	@Test
	void thePageAndItsFormsNeedTheOwnerAndACsrfToken() {
		long id = insertToken("quill-token", "https://quill.p3k.io/", "create", "grant-quill");
		OwnerClient stranger = OwnerClient.anonymous(server);
		HttpResponse<String> page = stranger.get("/admin/tokens");
		assertThat(page.statusCode()).isEqualTo(302);
		assertThat(stranger.post("/admin/tokens/" + id + "/revoke", Map.of()).statusCode()).isIn(302, 403);
		assertThat(this.owner.postWithoutCsrf("/admin/tokens/revoke-all", Map.of()).statusCode()).isEqualTo(403);
		assertThat(tokens.verify("quill-token")).isPresent();
	}

}
