package io.starpunk.indieauth;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.starpunk.support.LegacyFixtures;
import io.starpunk.support.RunningServer;

import static io.starpunk.indieauth.OAuthTestClient.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The metadata document, CORS on the client endpoints only, and a token StarPunk
 * 1.0.0-rc.3 issued, still active after the upgrade.
 */
class DiscoveryAndCorsTests {

	@TempDir
	static Path dataPath;

	static RunningServer server;

	@BeforeAll
	static void start() {
		server = RunningServer.start(LegacyFixtures.copy("v1.0.0-rc.3", dataPath), List.of(),
				"SITE_URL=https://blog.example/", "ADMIN_ME=" + LegacyFixtures.ME);
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@Test
	void theMetadataNamesEveryEndpointUnderTheSiteUrl() {
		HttpResponse<String> response = server.get("/.well-known/oauth-authorization-server");
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode metadata = json(response);
		assertThat(metadata.path("issuer").asString()).isEqualTo("https://blog.example/");
		assertThat(metadata.path("authorization_endpoint").asString()).isEqualTo("https://blog.example/auth/authorize");
		assertThat(metadata.path("token_endpoint").asString()).isEqualTo("https://blog.example/auth/token");
		assertThat(metadata.path("introspection_endpoint").asString())
			.isEqualTo("https://blog.example/auth/introspect");
		assertThat(metadata.path("revocation_endpoint").asString()).isEqualTo("https://blog.example/auth/revoke");
		assertThat(metadata.path("userinfo_endpoint").asString()).isEqualTo("https://blog.example/auth/userinfo");
		assertThat(strings(metadata, "introspection_endpoint_auth_methods_supported")).containsExactly("Bearer");
		assertThat(strings(metadata, "revocation_endpoint_auth_methods_supported")).containsExactly("none");
		assertThat(strings(metadata, "scopes_supported")).containsExactly("create", "update", "delete", "undelete",
				"media", "draft", "profile", "email");
		assertThat(strings(metadata, "response_types_supported")).containsExactly("code");
		assertThat(strings(metadata, "grant_types_supported")).containsExactly("authorization_code", "refresh_token");
		assertThat(strings(metadata, "code_challenge_methods_supported")).containsExactly("S256");
		assertThat(metadata.path("authorization_response_iss_parameter_supported").isBoolean()).isTrue();
		assertThat(metadata.path("authorization_response_iss_parameter_supported").asBoolean()).isTrue();
	}

	@Test
	void browsersMayCallTheClientEndpointsFromAnyOrigin() {
		for (String path : List.of("/auth/token", "/auth/introspect", "/auth/revoke", "/auth/userinfo",
				"/.well-known/oauth-authorization-server")) {
			HttpResponse<String> preflight = preflight(path);
			assertThat(preflight.statusCode()).as(path).isEqualTo(200);
			assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).as(path).hasValue("*");
			assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods").orElse("")).as(path)
				.contains("POST");
			assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers").orElse("").toLowerCase()).as(path)
				.contains("authorization");
		}
		HttpResponse<String> metadata = OAuthTestClient
			.send(HttpRequest.newBuilder(server.uri("/.well-known/oauth-authorization-server"))
				.header("Origin", "https://app.example")
				.GET());
		assertThat(metadata.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
	}

	@Test
	void theAuthorizationEndpointAllowsNoOtherOrigin() {
		HttpResponse<String> preflight = preflight("/auth/authorize");
		assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
		HttpResponse<String> get = OAuthTestClient
			.send(HttpRequest.newBuilder(server.uri("/auth/authorize")).header("Origin", "https://app.example").GET());
		assertThat(get.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
	}

	@Test
	void theTokenStarPunkRc3IssuedIsStillActive() {
		OAuthTestClient client = new OAuthTestClient(server);
		HttpResponse<String> response = client.introspect(LegacyFixtures.RC3_TOKEN, LegacyFixtures.RC3_TOKEN);
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode body = json(response);
		assertThat(body.path("active").asBoolean()).isTrue();
		assertThat(body.path("me").asString()).isEqualTo(LegacyFixtures.ME);
		assertThat(body.path("client_id").asString()).isEqualTo("https://quill.p3k.io/");
		assertThat(body.path("scope").asString()).isEqualTo("create");
		assertThat(client.get("/auth/token", LegacyFixtures.RC3_TOKEN).statusCode()).isEqualTo(200);
	}

	@Test
	void whatSpringRefusesBeforeAnEndpointStillAnswersInOAuthJson() {
		for (String[] request : List.of(new String[] { "PUT", "/auth/token" },
				new String[] { "GET", "/auth/introspect" }, new String[] { "DELETE", "/auth/revoke" })) {
			HttpResponse<String> response = OAuthTestClient.send(HttpRequest.newBuilder(server.uri(request[1]))
				.method(request[0], HttpRequest.BodyPublishers.noBody()));
			assertThat(response.statusCode()).as(request[0] + " " + request[1]).isEqualTo(405);
			assertThat(response.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
			JsonNode body = json(response);
			assertThat(body.path("error").asString()).isEqualTo("invalid_request");
			assertThat(body.path("error_description").asString())
				.isEqualTo("This endpoint does not take that HTTP method");
		}
		assertThat(server.get("/notes/nope").headers().firstValue("Content-Type")).as("people still get pages")
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/html"));
	}

	private static HttpResponse<String> preflight(String path) {
		return OAuthTestClient.send(HttpRequest.newBuilder(server.uri(path))
			.header("Origin", "https://app.example")
			.header("Access-Control-Request-Method", "POST")
			.header("Access-Control-Request-Headers", "authorization, content-type")
			.method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
	}

	private static List<String> strings(JsonNode node, String field) {
		return node.path(field).valueStream().map(JsonNode::asString).toList();
	}

}
