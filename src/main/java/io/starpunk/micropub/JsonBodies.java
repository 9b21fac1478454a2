package io.starpunk.micropub;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * The JSON body of a Micropub request, read strictly: valid UTF-8, one JSON object, no
 * key twice in one object ({@code "url"} twice in a delete is refused, not the last one
 * taken), and numbers with their exact value (45.5228 and -0.000123 as
 * {@link java.math.BigDecimal}, never rounded to a double).
 */
@Component
class JsonBodies {

	private final ObjectReader reader;

	JsonBodies(JsonMapper json) {
		this.reader = json.reader()
			.with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
			.with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
	}

	/**
	 * Reads a request body.
	 * @param body the bytes
	 * @return the JSON object
	 */
	JsonNode read(byte[] body) {
		JsonNode node;
		try {
			node = this.reader.readTree(strictUtf8(body));
		}
		catch (StreamReadException ex) {
			String message = String.valueOf(ex.getOriginalMessage());
			throw MicropubException.invalidRequest(message.startsWith("Duplicate Object property")
					? "The body names a property twice in one object (" + shortened(message) + ")"
					: "The body is not valid JSON");
		}
		catch (JacksonException ex) {
			throw MicropubException.invalidRequest("The body is not valid JSON");
		}
		if (node == null || !node.isObject()) {
			throw MicropubException.invalidRequest("The body must be a JSON object");
		}
		return node;
	}

	/**
	 * The body as text, refusing bytes that are not UTF-8 (overlong forms and lone
	 * continuation bytes included) rather than reading them as U+FFFD.
	 */
	private static String strictUtf8(byte[] body) {
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(body))
				.toString();
		}
		catch (CharacterCodingException ex) {
			throw MicropubException.invalidRequest("The body is not valid UTF-8");
		}
	}

	private static String shortened(String text) {
		return (text.length() > 100) ? text.substring(0, 100) + "…" : text;
	}

}
