package io.starpunk.indieauth;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pure rules about clients: which client_ids are valid and what a client_id page says
 * (which addresses a fetch may reach is the outbound fetch's, tested in
 * {@code io.starpunk.http}).
 */
class ClientRulesTests {

	private static final URI CLIENT = URI.create("https://app.example/");

	private final ClientDocuments documents = new ClientDocuments(JsonMapper.builder().build());

	@ParameterizedTest
	@ValueSource(strings = { "https://app.example/", "https://app.example/client?x=1", "http://localhost:8080/app",
			"http://127.0.0.1/", "http://[::1]:3000/", "https://app.example:8443/" })
	void validClientIds(String clientId) {
		assertThat(ClientIds.parse(clientId)).contains(URI.create(clientId));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "app.example", "/relative", "ftp://app.example/", "http://app.example/",
			"https://app.example", "https://app.example/#x", "https://u:p@app.example/", "https://192.168.1.5/",
			"https://[2001:db8::1]/", "https://app.example/./x", "https://app.example/a/..", "mailto:a@app.example" })
	void invalidClientIds(String clientId) {
		assertThat(ClientIds.parse(clientId)).isEmpty();
	}

	@Test
	void anHAppPageGivesNameUrlLogoAndRedirectUrls() {
		String html = """
				<!doctype html><link rel="redirect_uri" href="/callback">
				<div class="h-app"><img class="u-logo" src="/logo.png" alt=""><a class="p-name u-url" href="/">Quill</a></div>
				<a rel="me redirect_uri" href="https://app.example/other">x</a>""";
		ClientInfo.Client client = read("text/html", html, Map.of("Link", List
			.of("<https://app.example/from-header>; rel=\"redirect_uri\", <https://app.example/x>; rel=\"me\"")))
			.orElseThrow();
		assertThat(client.name()).isEqualTo("Quill");
		assertThat(client.url()).isEqualTo("https://app.example/");
		assertThat(client.logo()).isEqualTo("https://app.example/logo.png");
		assertThat(client.redirectUris()).containsExactlyInAnyOrder("https://app.example/callback",
				"https://app.example/other", "https://app.example/from-header");
	}

	@Test
	void aJsonDocumentMustNameTheSameClientIdAndOnlyWebLogosAndOwnUrlsAreShown() {
		String json = """
				{"client_id":"https://app.example/","client_name":"Indigenous","client_uri":"https://evil.example/",
				 "logo_uri":"javascript:alert(1)","redirect_uris":["https://app.example/cb", 5]}""";
		ClientInfo.Client client = read("application/json", json, Map.of()).orElseThrow();
		assertThat(client.name()).isEqualTo("Indigenous");
		assertThat(client.url()).isEqualTo("https://app.example/");
		assertThat(client.logo()).isNull();
		assertThat(client.redirectUris()).containsExactly("https://app.example/cb");
		assertThat(read("application/json",
				json.replace("\"https://app.example/\",\"client_name", "\"https://other.example/\",\"client_name"),
				Map.of()))
			.isEmpty();
		assertThat(read("application/json", "not json", Map.of())).isEmpty();
	}

	@Test
	void aPageWithoutAnHAppIsNamedByItsClientId() {
		ClientInfo.Client client = read("text/html", "<title>Something</title>", Map.of()).orElseThrow();
		assertThat(client.name()).isEqualTo(CLIENT.toString());
		assertThat(client.logo()).isNull();
		assertThat(client.redirectUris()).isEmpty();
	}

	private java.util.Optional<ClientInfo.Client> read(String type, String body, Map<String, List<String>> headers) {
		Map<String, List<String>> all = new java.util.HashMap<>(headers);
		all.put("Content-Type", List.of(type));
		return this.documents.read(CLIENT, new ClientInfo.Page(CLIENT, HttpHeaders.of(all, (name, value) -> true),
				body.getBytes(StandardCharsets.UTF_8)));
	}

}
