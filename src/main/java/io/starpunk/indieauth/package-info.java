/**
 * The IndieAuth authorization server: metadata, the authorization endpoint and consent,
 * codes, tokens, introspection, revocation and userinfo, and the one token verifier every
 * protected endpoint uses.
 */
package io.starpunk.indieauth;
