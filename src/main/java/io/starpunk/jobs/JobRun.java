package io.starpunk.jobs;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A job as its handler runs it.
 *
 * @param id its row
 * @param kind its kind
 * @param payload its payload, JSON
 * @param attempt which attempt this is, from 1
 */
public record JobRun(long id, String kind, String payload, int attempt) {

	private static final JsonMapper json = JsonMapper.builder().build();

	/**
	 * The payload read as a record or class.
	 * @param <T> the type
	 * @param type the type
	 * @return the payload
	 * @throws IllegalStateException when the payload does not fit the type
	 */
	public <T> T payloadAs(Class<T> type) {
		try {
			return json.readValue(this.payload, type);
		}
		catch (JacksonException ex) {
			throw new IllegalStateException("The payload of job " + this.id + " is not a " + type.getSimpleName());
		}
	}

	/**
	 * The payload as a JSON tree.
	 * @return the tree
	 */
	public JsonNode payloadTree() {
		return json.readTree(this.payload);
	}

}
