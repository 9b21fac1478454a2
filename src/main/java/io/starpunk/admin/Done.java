package io.starpunk.admin;

import java.util.Arrays;

/**
 * What a form just did, carried to the dashboard as {@code ?done=<code>} after the
 * redirect and shown as a fixed message: nothing from the address is echoed.
 */
enum Done {

	CREATED("created", "Note published."),

	SCHEDULED("scheduled", "Note scheduled. It appears on the site at its time."),

	DRAFTED("drafted", "Draft saved."),

	UPDATED("updated", "Note updated."),

	DELETED("deleted", "Note deleted. You can restore it from Deleted."),

	RESTORED("restored", "Note restored."),

	PURGED("purged", "Note deleted for good.");

	final String code;

	final String message;

	Done(String code, String message) {
		this.code = code;
		this.message = message;
	}

	/** The message for a code, or {@code null} for a missing or unknown one. */
	static String message(String code) {
		return Arrays.stream(values())
			.filter((done) -> done.code.equals(code))
			.map((done) -> done.message)
			.findFirst()
			.orElse(null);
	}

}
