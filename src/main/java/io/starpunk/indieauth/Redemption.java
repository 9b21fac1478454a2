package io.starpunk.indieauth;

/**
 * What came of presenting an authorization code.
 */
sealed interface Redemption {

	/**
	 * The code was live and is now used.
	 *
	 * @param grant what it stands for
	 * @param grantId the grant's id (the code's hash), carried by every token issued for
	 * it
	 */
	record Redeemed(CodeGrant grant, String grantId) implements Redemption {
	}

	/**
	 * The code had been used before: whoever holds it is not to be trusted, and neither
	 * is anything issued for it.
	 *
	 * @param grantId the grant to revoke
	 */
	record Reused(String grantId) implements Redemption {
	}

	/** Unknown or expired. */
	record Invalid() implements Redemption {
	}

}
