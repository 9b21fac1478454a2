package io.starpunk.support;

import java.net.http.HttpResponse;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The error answers of the endpoints apps call (OAuth and Micropub): the status, JSON
 * {@code {"error", "error_description"}}, and nothing of the server's insides.
 */
public final class JsonErrors {

	private static final JsonMapper json = JsonMapper.builder().build();

	private JsonErrors() {
	}

	/**
	 * Asserts an error answer.
	 * @param response the answer
	 * @param status its expected status
	 * @param error its expected {@code error} code
	 * @return its body, for further checks
	 */
	public static JsonNode assertError(HttpResponse<String> response, int status, String error) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
		JsonNode body = json.readTree(response.body());
		assertThat(body.path("error").asString()).isEqualTo(error);
		assertThat(body.path("error_description").asString()).isNotBlank();
		assertThat(response.body()).doesNotContain("Exception").doesNotContain("at io.starpunk");
		return body;
	}

}
