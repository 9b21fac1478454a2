package io.starpunk.indieauth;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The consent page ({@code indieauth/consent.jte}).
 *
 * @param clientName the client's name, or its client_id
 * @param clientUrl its home page
 * @param logo its logo (http or https), or {@code null}
 * @param redirectHost where the browser goes next, as people read it
 * @param request the checked request, carried by the form's hidden fields
 * @param requestedScope the known scopes asked for, space-separated
 * @param scopes each scope asked for, as a checkbox
 * @param expiries the token lifetimes the owner can choose
 */
record ConsentView(String clientName, String clientUrl, String logo, String redirectHost, AuthorizationRequest request,
		String requestedScope, List<Scope> scopes, List<Expiry> expiries) {

	/** The lifetime chosen unless the owner picks another. */
	static final String DEFAULT_EXPIRY = "30d";

	/** Every lifetime the owner can choose; tokens always expire. */
	static final List<Expiry> EXPIRIES = List.of(new Expiry("1d", "1 day", Duration.ofDays(1)),
			new Expiry("7d", "7 days", Duration.ofDays(7)), new Expiry("30d", "30 days", Duration.ofDays(30)),
			new Expiry("90d", "90 days", Duration.ofDays(90)), new Expiry("365d", "1 year", Duration.ofDays(365)));

	static Optional<Duration> lifetime(String value) {
		return EXPIRIES.stream().filter((expiry) -> expiry.value().equals(value)).map(Expiry::lifetime).findFirst();
	}

	/**
	 * A scope's checkbox.
	 *
	 * @param name the scope
	 * @param description what it lets the client do
	 */
	record Scope(String name, String description) {

		String id() {
			return "scope-" + this.name;
		}

	}

	/**
	 * A token lifetime.
	 *
	 * @param value the option's value
	 * @param label what the owner reads
	 * @param lifetime how long
	 */
	record Expiry(String value, String label, Duration lifetime) {

		boolean selected() {
			return this.value.equals(DEFAULT_EXPIRY);
		}

	}

}
