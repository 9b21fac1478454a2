package io.starpunk.indieauth;

/**
 * Revokes every access and refresh token a grant issued. Implemented by the token store.
 */
interface GrantRevocation {

	/**
	 * Revokes a grant's tokens.
	 * @param grantId the grant (the hash of the code that started it)
	 */
	void revokeGrant(String grantId);

}
