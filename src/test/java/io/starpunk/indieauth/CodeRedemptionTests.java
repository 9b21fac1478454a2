package io.starpunk.indieauth;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

import io.starpunk.config.Sha256;
import io.starpunk.support.OwnerClient;
import io.starpunk.support.RunningServer;
import io.starpunk.support.Sqlite;
import io.starpunk.support.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A code is used up and its tokens issued in one transaction: when issuing fails for real
 * (the new access token collides with a stored one, and SQLite refuses the row on its
 * UNIQUE constraint), nothing of the redemption is left behind and the code can be
 * redeemed again; a refusal, on the other hand, uses the code up.
 */
class CodeRedemptionTests {

	@TempDir
	static Path dataPath;

	static RunningServer server;

	static OAuthTestClient client;

	static final ScriptedRandom random = new ScriptedRandom();

	@BeforeAll
	static void start() {
		server = RunningServer.start(dataPath, List.of(ScriptedRandomConfiguration.class),
				"SITE_URL=http://starpunk.test/", "ADMIN_ME=" + OAuthTestClient.ME,
				"ADMIN_PASSWORD=" + OwnerClient.PASSWORD);
		client = new OAuthTestClient(server);
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@Test
	void whenIssuingTheTokensFailsTheCodeIsNotUsedUpAndNoTokenIsLeft() throws Exception {
		OAuthTestClient.Code code = client.code("create");
		String grantId = Sha256.hex(code.code());
		// a token already stored, whose bytes the next token the server makes will repeat
		byte[] taken = new byte[32];
		new SecureRandom().nextBytes(taken);
		String takenToken = Base64.getUrlEncoder().withoutPadding().encodeToString(taken);
		OAuthTestClient.seen.add(takenToken);
		TestTokens.insert(dataPath, takenToken, OAuthTestClient.ME, "create");
		random.repeatOnce(taken);

		HttpResponse<String> failed = client.exchange(code);

		assertThat(random.pending()).as("the access token was made from the scripted bytes").isFalse();
		assertThat(failed.statusCode()).isEqualTo(500);
		assertThat(OAuthTestClient.json(failed).path("error").asString()).isEqualTo("server_error");
		assertThat(failed.body()).doesNotContain(takenToken).doesNotContain(code.code()).doesNotContain("SQL");
		assertThat(usedAt(grantId)).as("the code is not used up").isNull();
		assertThat(rows("SELECT count(*) AS n FROM tokens WHERE grant_id = '" + grantId + "'")).isEqualTo("0");
		assertThat(rows("SELECT count(*) AS n FROM refresh_tokens WHERE grant_id = '" + grantId + "'")).isEqualTo("0");

		HttpResponse<String> again = client.exchange(code);
		assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
		assertThat(usedAt(grantId)).isNotNull();
		assertThat(rows("SELECT count(*) AS n FROM tokens WHERE grant_id = '" + grantId + "'")).isEqualTo("1");
		assertThat(rows("SELECT count(*) AS n FROM refresh_tokens WHERE grant_id = '" + grantId + "'")).isEqualTo("1");
		assertThat(client.active(OAuthTestClient.json(again).path("access_token").asString())).isTrue();
	}

	@Test
	void aRefusedRedemptionUsesTheCodeUpAndIssuesNothing() throws Exception {
		OAuthTestClient.Code code = client.code("create");
		String grantId = Sha256.hex(code.code());
		HttpResponse<String> wrongVerifier = client
			.exchange(new OAuthTestClient.Code(code.code(), OAuthTestClient.verifier()));
		assertThat(wrongVerifier.statusCode()).isEqualTo(400);
		assertThat(usedAt(grantId)).as("a refusal is committed").isNotNull();
		assertThat(rows("SELECT count(*) AS n FROM tokens WHERE grant_id = '" + grantId + "'")).isEqualTo("0");
		assertThat(client.exchange(code).statusCode()).isEqualTo(400);
	}

	private static String usedAt(String codeHash) throws Exception {
		List<Map<String, String>> found = Sqlite.rows(dataPath.resolve("starpunk.db"),
				"SELECT used_at FROM authorization_codes WHERE code_hash = '" + codeHash + "'");
		assertThat(found).hasSize(1);
		return found.get(0).get("used_at");
	}

	private static String rows(String count) throws Exception {
		return Sqlite.rows(dataPath.resolve("starpunk.db"), count).get(0).get("n");
	}

	/**
	 * A secure random whose next 32 bytes can be scripted once; random otherwise.
	 */
	static final class ScriptedRandom extends SecureRandom {

		private final AtomicReference<byte[]> next = new AtomicReference<>();

		void repeatOnce(byte[] bytes) {
			this.next.set(bytes.clone());
		}

		boolean pending() {
			return this.next.get() != null;
		}

		@Override
		public void nextBytes(byte[] bytes) {
			byte[] scripted = this.next.get();
			if (scripted != null && scripted.length == bytes.length && this.next.compareAndSet(scripted, null)) {
				System.arraycopy(scripted, 0, bytes, 0, bytes.length);
				return;
			}
			super.nextBytes(bytes);
		}

	}

	/** The scripted random in place of the server's. */
	@Configuration(proxyBeanMethods = false)
	static class ScriptedRandomConfiguration {

		@Bean
		@Primary
		SecureRandom scriptedRandom() {
			return random;
		}

	}

}
